using System.Text.RegularExpressions;
using Frontline.Http;
using Frontline.Sites;

namespace Frontline.Areas;

/// <summary>An area the import accepted, with its path of codes from the top of its tree (<see cref="AreaPaths"/>).</summary>
public sealed record PlannedArea(AreaDefinition Area, string Path);

/// <summary>
/// Reads an areas sheet row by row against the tree already stored: good rows import, bad rows are answered with the
/// field and the reason. The rules: a code once per file; a name; a known level; a parent that is in the file or
/// already stored, that is not the area itself or below it (a cycle), and whose level is above the area's. An area
/// already stored keeps its parent and level, so that every path stays true (moving areas is not in this slice).
/// </summary>
public static partial class AreaImport
{
    public const string Header = "code,name,level,parent";

    /// <summary>
    /// National division codes are 6 digits (to the county), 9 (street or town) and 12 (community or village); offices
    /// assign their own to places the national list does not have, so letters and dashes are accepted too.
    /// </summary>
    [GeneratedRegex("^[0-9A-Za-z][0-9A-Za-z-]{0,31}$")]
    private static partial Regex CodePattern();

    public static bool IsValidCode(string? code) => code is not null && CodePattern().IsMatch(code);

    public static IReadOnlyList<RowResult<PlannedArea>> Plan(IEnumerable<Dictionary<string, string>> rows, IReadOnlyDictionary<string, StoredArea> stored)
    {
        var parsed = rows.Select((row, index) => Parse(row, index + 2)).ToList();
        RefuseDuplicates(parsed);
        foreach (var row in parsed.Where(row => row.Area is not null && stored.ContainsKey(row.Area.Code)))
        {
            var before = stored[row.Area!.Code];
            if (!string.Equals(before.Parent, row.Area.Parent, StringComparison.Ordinal))
            {
                row.Errors["parent"] = [$"Area {before.Code} is already under {before.Parent ?? "no parent"}; an area keeps its parent."];
            }

            if (before.Level != row.Area.Level)
            {
                row.Errors["level"] = [$"Area {before.Code} is already a {before.Level}; an area keeps its level."];
            }
        }

        var candidates = parsed.Where(row => row.Area is not null && row.Errors.Count == 0).ToDictionary(row => row.Area!.Code, StringComparer.Ordinal);
        var refusedLines = parsed.Where(row => row.Code is not null && row.Errors.Count > 0)
            .GroupBy(row => row.Code!, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.First().Line, StringComparer.Ordinal);
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var start in candidates.Keys.ToList())
        {
            Resolve(start, candidates, stored, refusedLines, paths);
        }

        return parsed.Select(row => row.Errors.Count == 0 && row.Area is not null && paths.TryGetValue(row.Area.Code, out var path)
                ? new RowResult<PlannedArea>(row.Line, new PlannedArea(row.Area, path), row.Errors)
                : new RowResult<PlannedArea>(row.Line, null, row.Errors))
            .ToList();
    }

    /// <summary>
    /// Follows parents from <paramref name="start"/> until an area already decided, one stored, a top-level area, a
    /// parent nobody knows, or an area seen on this walk (a cycle); then decides the walk's areas from the top down.
    /// Iterative, so a long chain in a hostile file cannot exhaust the stack, and each area is walked once.
    /// </summary>
    private static void Resolve(
        string start, Dictionary<string, ParsedRow> candidates, IReadOnlyDictionary<string, StoredArea> stored, Dictionary<string, int> refusedLines,
        Dictionary<string, string> paths)
    {
        var chain = new List<string>();
        var onChain = new HashSet<string>(StringComparer.Ordinal);
        var current = start;
        string? topPath = null;
        string? topLevel = null;
        string? failure = null;
        while (true)
        {
            if (!candidates.TryGetValue(current, out var row))
            {
                // Reached through a parent reference: an area already decided in this file, one stored, or nobody.
                if (paths.TryGetValue(current, out var decided))
                {
                    (topPath, topLevel) = (decided, candidates.GetValueOrDefault(current)?.Area!.Level ?? stored[current].Level);
                }
                else if (stored.TryGetValue(current, out var storedArea))
                {
                    (topPath, topLevel) = (storedArea.Path, storedArea.Level);
                }
                else if (refusedLines.TryGetValue(current, out var line))
                {
                    failure = $"The parent '{current}' is refused on line {line}.";
                }
                else
                {
                    failure = $"Unknown parent '{current}': not in this file and not imported before.";
                }

                break;
            }

            if (paths.TryGetValue(current, out var known))
            {
                (topPath, topLevel) = (known, row.Area!.Level);
                break;
            }

            if (row.Errors.Count > 0)
            {
                failure = $"The parent '{current}' is refused on line {row.Line}.";
                break;
            }

            if (!onChain.Add(current))
            {
                var cycle = chain.Skip(chain.IndexOf(current)).Append(current).ToList();
                foreach (var member in cycle.Distinct())
                {
                    candidates[member].Errors["parent"] = [$"A cycle: {string.Join(" → ", cycle)}."];
                }

                failure = $"The parent '{current}' is in a cycle.";
                chain.RemoveRange(chain.IndexOf(current), chain.Count - chain.IndexOf(current));
                break;
            }

            chain.Add(current);
            if (row.Area!.Parent is not { } parent)
            {
                chain.RemoveAt(chain.Count - 1);
                paths[current] = AreaPaths.Root(current);
                (topPath, topLevel) = (paths[current], row.Area.Level);
                break;
            }

            current = parent;
        }

        // Decide from the area nearest the top down to the start.
        for (var index = chain.Count - 1; index >= 0; index--)
        {
            var row = candidates[chain[index]];
            if (failure is not null)
            {
                row.Errors.TryAdd("parent", [index == chain.Count - 1 ? failure : $"The parent '{row.Area!.Parent}' is refused."]);
                continue;
            }

            if (AreaLevels.Rank(topLevel!) >= AreaLevels.Rank(row.Area!.Level))
            {
                row.Errors["level"] = [$"A {row.Area.Level} cannot be under a {topLevel} ('{row.Area.Parent}')."];
                failure = $"The parent '{row.Area.Code}' is refused.";
                continue;
            }

            topPath = AreaPaths.Child(topPath!, row.Area.Code);
            topLevel = row.Area.Level;
            paths[row.Area.Code] = topPath;
        }
    }

    private static void RefuseDuplicates(List<ParsedRow> parsed)
    {
        foreach (var group in parsed.Where(row => !string.IsNullOrEmpty(row.Code)).GroupBy(row => row.Code!, StringComparer.Ordinal).Where(group => group.Count() > 1))
        {
            var lines = string.Join(", ", group.Select(row => row.Line));
            foreach (var row in group)
            {
                row.Errors["code"] = [$"The code {group.Key} is on lines {lines}: give each area once."];
            }
        }
    }

    private static ParsedRow Parse(Dictionary<string, string> row, int line)
    {
        var errors = new Dictionary<string, string[]>();
        var code = row.GetValueOrDefault("code")?.Trim();
        if (!IsValidCode(code))
        {
            errors["code"] = ["1 to 32 letters, digits and dashes: the division code (510104) or the office's own."];
        }

        var name = Text.Required(row.GetValueOrDefault("name"), "name", 50, errors);
        var level = AreaLevels.Read(row.GetValueOrDefault("level"));
        if (level is null)
        {
            errors["level"] = [$"One of {string.Join(", ", AreaLevels.All)} (or 省, 市, 区县, 街道乡镇, 社区)."];
        }

        var parent = row.GetValueOrDefault("parent")?.Trim();
        if (string.IsNullOrEmpty(parent))
        {
            parent = null;
        }
        else if (!IsValidCode(parent))
        {
            errors["parent"] = ["An area's code, or empty for an area at the top."];
        }
        else if (parent == code)
        {
            errors["parent"] = [$"A cycle: {code} → {code}."];
        }

        if (level == AreaLevels.Province && parent is not null && !errors.ContainsKey("parent"))
        {
            errors["level"] = ["Nothing is above a province: leave its parent empty."];
        }

        Csv.RefuseFormulas(row, errors);
        return new ParsedRow(line, code, errors.Count == 0 ? new AreaDefinition(code!, name!, level!, parent) : null, errors);
    }

    private sealed record ParsedRow(int Line, string? Code, AreaDefinition? Area, Dictionary<string, string[]> Errors);
}

/// <summary>
/// An area's path: the codes from the top of its tree down to it, joined by <c>|</c> (Azure keys forbid <c>/</c>).
/// Every code sorts below <c>|</c>, so everything under a path is the key range [path + "|", path + "}").
/// </summary>
public static class AreaPaths
{
    public const char Separator = '|';

    public static string Root(string code) => code;

    public static string Child(string parentPath, string code) => parentPath + Separator + code;

    public static IReadOnlyList<string> Codes(string path) => path.Split(Separator);

    /// <summary>The exclusive upper bound of the keys that start with <paramref name="prefix"/> + '|'.</summary>
    public static string Below(string prefix) => prefix + '}';
}
