using System.Text;

namespace Frontline.Tests.Hostile;

/// <summary>
/// The hostile rows, one table per route group (one file each). To cover a new route, add a group here and a file
/// beside the others; the theory picks every row up.
/// </summary>
public static partial class HostileRows
{
    private static readonly Lazy<Dictionary<string, Hostile[]>> AllGroups = new(() => new Dictionary<string, Hostile[]>(StringComparer.Ordinal)
    {
        ["registrations"] = Registrations,
        ["registration status and withdrawal"] = RegistrationLookups,
        ["site counts"] = SiteCounts,
        ["unit counts and batches"] = UnitCounts,
        ["catalog import"] = CatalogImports,
        ["areas"] = Areas,
        ["bulletins"] = Bulletins,
        ["contributions and drafts"] = Editorial,
        ["development tokens"] = DevTokens,
        ["tokens and roles"] = TokensAndRoles,
        ["methods and unknown routes"] = MethodsAndRoutes,
        ["coordinator console"] = CoordinatorConsole,
        ["forwarded tokens"] = ForwardedTokens,
        ["applications and idempotency keys"] = Applications,
        ["indicator definitions"] = Indicators,
        ["dispatch batches"] = Batches,
        ["shifts"] = Shifts,
        ["teams, roles and duty phones"] = Teams,
        ["a unit's people"] = UnitVolunteers,
    });

    /// <summary>Built once, on first use, after every table of the partial class is initialized.</summary>
    public static IReadOnlyDictionary<string, Hostile[]> Groups => AllGroups.Value;

    /// <summary>A JSON object from (key, raw JSON value) pairs, in order.</summary>
    internal static string Obj(IEnumerable<(string Key, string Raw)> pairs) =>
        "{" + string.Join(",", pairs.Select(pair => $"\"{pair.Key}\":{pair.Raw}")) + "}";

    /// <summary>The pairs with one value replaced (or added at the end), or removed when <paramref name="raw"/> is null.</summary>
    internal static (string Key, string Raw)[] With((string Key, string Raw)[] pairs, string key, string? raw)
    {
        var list = pairs.Where(pair => pair.Key != key || raw is not null).Select(pair => pair.Key == key ? (key, raw!) : pair).ToList();
        if (raw is not null && !pairs.Any(pair => pair.Key == key))
        {
            list.Add((key, raw));
        }

        return [.. list];
    }

    /// <summary>A JSON string literal, escaped for JSON (so "\u202E" arrives as that character).</summary>
    internal static string Str(string value) => System.Text.Json.JsonSerializer.Serialize(value, RelaxedJson);

    private static readonly System.Text.Json.JsonSerializerOptions RelaxedJson = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    internal static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Text as Chinese Excel and WPS save "CSV": GB18030 (a superset of GBK), no BOM.</summary>
    internal static byte[] Gbk(string text)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(54936).GetBytes(text);
    }

    internal static byte[] Concat(params byte[][] parts) => parts.SelectMany(part => part).ToArray();

    /// <summary>The free-text attacks every text field must refuse: (label, value as a raw JSON string literal).</summary>
    internal static readonly (string Label, string Raw)[] DirtyText =
    [
        ("NUL", "\"张\\u0000三\""),
        ("bell", "\"张\\u0007三\""),
        ("newline", "\"张\\n三\""),
        ("tab", "\"张\\t三\""),
        ("escape", "\"张\\u001B[31m三\""),
        ("DEL", "\"张\\u007F三\""),
        ("NEL", "\"张\\u0085三\""),
        ("CSI", "\"张\\u009B三\""),
        ("right-to-left override", "\"张\\u202E三\""),
        ("left-to-right override", "\"张\\u202D三\""),
        ("left-to-right isolate", "\"张\\u2066三\""),
        ("first-strong isolate", "\"张\\u2068三\""),
        ("pop directional isolate", "\"张\\u2069三\""),
        ("right-to-left mark", "\"张\\u200F三\""),
        ("Arabic letter mark", "\"张\\u061C三\""),
        ("zero-width space", "\"张\\u200B三\""),
        ("zero-width non-joiner", "\"张\\u200C三\""),
        ("zero-width joiner", "\"张\\u200D三\""),
        ("word joiner", "\"张\\u2060三\""),
        ("BOM inside", "\"张\\uFEFF三\""),
        ("soft hyphen", "\"张\\u00AD三\""),
        ("line separator", "\"张\\u2028三\""),
        ("paragraph separator", "\"张\\u2029三\""),
        ("lone high surrogate", "\"张\\uD800三\""),
        ("lone low surrogate", "\"张\\uDC00三\""),
        ("high surrogate at the end", "\"张三\\uD83D\""),
        ("surrogates reversed", "\"\\uDE00\\uD83D\""),
        ("noncharacter", "\"张\\uFFFE三\""),
        ("replacement character", "\"张\\uFFFD三\""),
        ("unescaped right-to-left override", "\"张\u202E三\""),
        ("unescaped zero-width space", "\"张\u200B三\""),
        ("script tag", "\"<script>alert(1)</script>\""),
        ("img onerror", "\"<img src=x onerror=alert(1)>\""),
        ("closing tag first", "\"</title><script>alert(1)</script>\""),
        ("svg onload", "\"<svg onload=alert(1)>\""),
        ("HTML comment", "\"<!-- hidden -->\""),
        ("javascript link", "\"<a href=\\\"javascript:alert(1)\\\">x</a>\""),
        ("escaped script tag", "\"\\u003Cscript\\u003Ealert(1)\\u003C/script\\u003E\""),
    ];
}
