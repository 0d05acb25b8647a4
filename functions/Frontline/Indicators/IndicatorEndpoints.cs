using System.Globalization;
using Frontline.Http;
using Frontline.Security;
using Frontline.Sites;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;

namespace Frontline.Indicators;

/// <summary>
/// The definition set over HTTP: anyone reads the current version (the portal's form needs its site type's list before
/// sign-in matters) and any version by number; Admins change it, each change a new version. A version's ETag is its
/// number (<c>"7"</c>): a write with <c>If-Match</c> applies only to that version, and a stale one gets 409 with the
/// version in force; a write without it applies to whatever is current, re-read and re-checked if another change lands
/// between the read and the write, so two Admins editing different indicators at once both keep their change.
/// </summary>
public sealed partial class IndicatorEndpoints(IndicatorStore store, TimeProvider time, ILogger<IndicatorEndpoints> logger)
{
    /// <summary>Tries of a change without If-Match when others keep landing first; then the caller is told.</summary>
    private const int MaxAttempts = 3;

    public async Task<IResult> CurrentAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (SiteTypeOf(request, out var siteType) is { } refusal)
        {
            return refusal;
        }

        var set = await store.CurrentAsync(cancellationToken) ?? Empty;
        return Answer(request, set, siteType);
    }

    public async Task<IResult> VersionAsync(HttpRequest request, string version, CancellationToken cancellationToken)
    {
        if (SiteTypeOf(request, out var siteType) is { } refusal)
        {
            return refusal;
        }

        if (!int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1 || version.Length > 10)
        {
            return Problems.Validation("version", "A version number: 1, 2, 3, …");
        }

        return await store.VersionAsync(number, cancellationToken) is { } set
            ? Answer(request, set, siteType)
            : Problems.NotFound("No such indicator set version.");
    }

    public async Task<IResult> PutAsync(HttpRequest request, Caller caller, string code, AuditNotes audit, CancellationToken cancellationToken)
    {
        if (!IndicatorEditing.IsCode(code))
        {
            return Problems.Validation("code", IndicatorEditing.CodeRule);
        }

        var body = await JsonBody.ReadAsync<IndicatorRequest>(request, cancellationToken, 4096);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        // If-None-Match: * is "add, never overwrite": the console sends it when an Admin adds an indicator, so a code
        // someone already defined is named instead of silently changed.
        var addOnly = request.Headers.IfNoneMatch.ToString().Trim() == "*";
        return await ChangeAsync(request, caller, audit, set =>
        {
            var existing = set.Find(code);
            if (addOnly && existing is not null)
            {
                return Change.Refused(Problems.Status(StatusCodes.Status409Conflict, "An indicator with this code exists.",
                    $"The code '{code}' is taken (version {set.Version}); codes are never reused. Choose another code, or edit that indicator."));
            }

            if (IndicatorEditing.Validate(code, body.Value!, existing, out var errors) is not { } definition)
            {
                return Change.Refused(Problems.Validation(errors));
            }

            if (existing is not null && Same(existing, definition))
            {
                return Change.None;
            }

            List<IndicatorDefinition> indicators = [.. set.Indicators.Where(indicator => indicator.Code != code), definition];
            var problems = IndicatorEditing.CheckSet(indicators, set.Rules, code);
            return problems.Count > 0
                ? Change.Refused(Problems.Validation(problems))
                : new Change(null, indicators, set.Rules, existing is null ? $"added {code}" : $"changed {code}", existing is null);
        }, cancellationToken);
    }

    public async Task<IResult> RetireAsync(HttpRequest request, Caller caller, string code, AuditNotes audit, CancellationToken cancellationToken)
    {
        if (!IndicatorEditing.IsCode(code))
        {
            return Problems.Validation("code", IndicatorEditing.CodeRule);
        }

        return await ChangeAsync(request, caller, audit, set => set.Find(code) switch
        {
            null => Change.Refused(Problems.NotFound("No such indicator (code).")),
            { Retired: true } => Change.None,
            var existing => new Change(null, [.. set.Indicators.Where(indicator => indicator.Code != code), existing with { Retired = true }], set.Rules, $"retired {code}", false),
        }, cancellationToken);
    }

    /// <summary>
    /// Deletes an indicator that never had data (a mistake caught before anyone reported it); one with data is retired
    /// instead, so that what was reported keeps its definition in every version that names it.
    /// </summary>
    public async Task<IResult> DeleteAsync(HttpRequest request, Caller caller, string code, AuditNotes audit, CancellationToken cancellationToken)
    {
        if (!IndicatorEditing.IsCode(code))
        {
            return Problems.Validation("code", IndicatorEditing.CodeRule);
        }

        if (await store.IsInUseAsync(code, cancellationToken))
        {
            return Problems.Status(StatusCodes.Status409Conflict, "This indicator has data; retire it instead.",
                $"Submissions or roll-ups hold values of '{code}' (code), so deleting it would leave them without a definition. POST /api/indicators/{code}/retirement stops asking for it.");
        }

        var answer = await ChangeAsync(request, caller, audit, set =>
        {
            if (set.Find(code) is null)
            {
                return Change.Refused(Problems.NotFound("No such indicator (code)."));
            }

            if (set.Rules.FirstOrDefault(rule => rule.Code == code || rule.AtMost == code) is { } rule)
            {
                return Change.Refused(Problems.Status(StatusCodes.Status409Conflict, "A rule names this indicator.",
                    $"The rule '{rule.Code} {rule.Kind} {rule.AtMost}' names '{code}' (code); change the rules first (PUT /api/indicator-rules)."));
            }

            return new Change(null, [.. set.Indicators.Where(indicator => indicator.Code != code)], set.Rules, $"deleted {code}", false);
        }, cancellationToken);
        return answer is IStatusCodeHttpResult { StatusCode: 200 } ? TypedResults.NoContent() : answer;
    }

    public async Task<IResult> PutRulesAsync(HttpRequest request, Caller caller, AuditNotes audit, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<IndicatorRulesRequest>(request, cancellationToken, 32 * 1024);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        return await ChangeAsync(request, caller, audit, set =>
        {
            if (IndicatorEditing.ValidateRules(body.Value!.Rules, set.Indicators, out var errors) is not { } rules)
            {
                return Change.Refused(Problems.Validation(errors));
            }

            return rules.SequenceEqual(set.Rules) ? Change.None : new Change(null, set.Indicators, rules, "changed the rules", false);
        }, cancellationToken);
    }

    /// <summary>
    /// Reads the stored set, lets <paramref name="decide"/> make the next one, and writes it as a new version under the
    /// ETag it read. Answers the new set (201 when an indicator was added), the unchanged set (200, no new version), or
    /// the refusal; nothing is written unless the whole change is valid.
    /// </summary>
    private async Task<IResult> ChangeAsync(HttpRequest request, Caller caller, AuditNotes audit, Func<IndicatorSet, Change> decide, CancellationToken cancellationToken)
    {
        if (ExpectedVersion(request, out var expected) is { } badHeader)
        {
            return badHeader;
        }

        for (var attempt = 1; ; attempt++)
        {
            var read = await store.ReadCurrentAsync(cancellationToken);
            var set = read?.Set ?? Empty;
            if (expected is not null && expected != set.Version)
            {
                return Stale(set.Version, $"If-Match names version {expected}; version {set.Version} is in force. Read it again and make the change on it.");
            }

            var change = decide(set);
            if (change.Refusal is not null)
            {
                return change.Refusal;
            }

            if (change.Indicators is null)
            {
                return Answer(request, set, null);
            }

            var next = new IndicatorSet(set.Version + 1, change.Indicators, change.Rules!, caller.Name ?? caller.Subject, time.GetUtcNow(), change.Description);
            try
            {
                await store.WriteAsync(next, read?.ETag, cancellationToken);
            }
            catch (IndicatorSetTooLargeException tooLarge)
            {
                return Problems.Status(StatusCodes.Status413PayloadTooLarge, "The indicator set would be too large to store.", $"{tooLarge.Message} (indicators)");
            }
            catch (IndicatorSetChangedException) when (expected is null && attempt < MaxAttempts)
            {
                continue;
            }
            catch (IndicatorSetChangedException)
            {
                return Stale(null, "Another Admin changed the indicators at the same moment. Read them again and make the change on the version in force.");
            }

            LogChanged(logger, next.Version, next.Change);
            audit.Record("indicatorVersion", next.Version.ToString(CultureInfo.InvariantCulture)).Detail("change", next.Change);
            var view = Answer(request, next, null);
            return change.Created ? TypedResults.Created($"/{ApiRoutes.Prefix}/indicator-versions/{next.Version}", IndicatorEditing.View(next, null)) : view;
        }
    }

    private static ProblemHttpResult Stale(int? current, string detail) =>
        Problems.Status(StatusCodes.Status409Conflict, "The indicators changed since they were read.", detail,
            current is null ? null : new Dictionary<string, object?> { ["currentVersion"] = current });

    /// <summary>The version If-Match names (<c>"7"</c>, <c>7</c> or <c>W/"7"</c>); none for no header or <c>*</c>; a 400 for anything else.</summary>
    private static ValidationProblem? ExpectedVersion(HttpRequest request, out int? expected)
    {
        expected = null;
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0 || header == "*")
        {
            return null;
        }

        var value = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        value = value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;
        if (value.Length > 10 || !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version < 0)
        {
            return Problems.Validation("If-Match", "The ETag of the version read (GET /api/indicators answers it): \"7\".");
        }

        expected = version;
        return null;
    }

    private static ValidationProblem? SiteTypeOf(HttpRequest request, out string? siteType)
    {
        siteType = request.Query["siteType"].ToString();
        if (siteType.Length == 0)
        {
            siteType = null;
            return null;
        }

        return SiteTypes.All.Contains(siteType) && request.Query["siteType"].Count == 1
            ? null
            : Problems.Validation("siteType", "One of " + string.Join(", ", SiteTypes.All.Order(StringComparer.Ordinal)) + ".");
    }

    private static Ok<IndicatorSetView> Answer(HttpRequest request, IndicatorSet set, string? siteType)
    {
        request.HttpContext.Response.Headers.ETag = $"\"{set.Version.ToString(CultureInfo.InvariantCulture)}\"";
        return TypedResults.Ok(IndicatorEditing.View(set, siteType));
    }

    private static bool Same(IndicatorDefinition a, IndicatorDefinition b) =>
        a.SiteTypes.SequenceEqual(b.SiteTypes, StringComparer.Ordinal) && a == b with { SiteTypes = a.SiteTypes };

    /// <summary>Before the defaults are seeded (a moment after a first start): version 0, nothing defined.</summary>
    private static IndicatorSet Empty { get; } = new(0, [], [], "", DateTimeOffset.MinValue, "");

    /// <summary>What a change decided: a refusal, nothing to do (<see cref="None"/>), or the next set's indicators and rules.</summary>
    private sealed record Change(IResult? Refusal, IReadOnlyList<IndicatorDefinition>? Indicators, IReadOnlyList<IndicatorRule>? Rules, string Description, bool Created)
    {
        public static Change None { get; } = new(null, null, null, "", false);

        public static Change Refused(IResult refusal) => new(refusal, null, null, "", false);
    }

    // Codes and versions only; the Admin's name is personal data and stays out.
    [LoggerMessage(Level = LogLevel.Information, Message = "Indicator set version {Version}: {Change}")]
    private static partial void LogChanged(ILogger logger, int version, string change);
}
