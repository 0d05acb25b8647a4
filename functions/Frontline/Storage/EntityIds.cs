using System.Text.RegularExpressions;

namespace Frontline.Storage;

/// <summary>
/// Unit and site ids: the one rule for ids from paths, queries, tokens and files. Lower-case letters, digits and
/// hyphens, so an id is safe in a URL, a table key and a file name alike.
/// </summary>
public static partial class EntityIds
{
    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id) && TableKeys.IsValid(id);

    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]{1,62}\z")]
    private static partial Regex Pattern();
}
