using Frontline.Areas;
using Frontline.DailyCounts;
using Frontline.Http;
using Microsoft.AspNetCore.Http;

namespace Frontline.Stats;

/// <summary>An area's figures for a day: what its sites reported, summed, and how many of its sites there are.</summary>
public sealed record AreaFigures(
    string Code, string Name, string Level, int SitesBelow, int Reports,
    long OnDuty, long PartyMembers, long Tested, long PeopleChecked, long VehiclesChecked, long SuppliesDelivered, long HouseholdsVisited,
    IReadOnlyDictionary<string, decimal> Values)
{
    public static AreaFigures Of(AreaSummary area, (CountFigures Figures, int Reports) day) => new(
        area.Code, area.Name, area.Level, area.SitesBelow, day.Reports,
        day.Figures.OnDuty, day.Figures.PartyMembers, day.Figures.Tested, day.Figures.PeopleChecked,
        day.Figures.VehiclesChecked, day.Figures.SuppliesDelivered, day.Figures.HouseholdsVisited, day.Figures.Values);
}

/// <summary>One step of the drill-down: the area (null at the top of the tree), the areas above it, and each area under it.</summary>
public sealed record AreaDayFigures(string Day, AreaFigures? Area, IReadOnlyList<AreaSummary> Ancestors, IReadOnlyList<AreaFigures> Children);

/// <summary>
/// The dashboard's drill-down, province → city → district → community. Each area's day is one roll-up row
/// (<see cref="RollUpStore.ReadAreaDayAsync"/>), so a step costs the area, the areas above it (at most four), its
/// children's listing, and one point read per area shown: the same for a province of 10,000 sites as for a street.
/// </summary>
public sealed class AreaFiguresEndpoints(AreaStore areas, RollUpStore rollUps, TimeProvider time, Microsoft.Extensions.Options.IOptions<FrontlineOptions> options)
{
    public async Task<IResult> GetAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var day = StatsEndpoints.ReadDay(request, "day", options.Value.Today(time), errors);
        var code = request.Query["area"].ToString();
        if (code.Length > 0 && !AreaImport.IsValidCode(code))
        {
            errors["area"] = ["An area's code (GET /api/areas lists them)."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        StoredArea? area = null;
        if (code.Length > 0 && (area = await areas.GetAsync(code, cancellationToken)) is null)
        {
            return Problems.NotFound($"No area {code}.");
        }

        var above = area is null ? [] : AreaPaths.Codes(area.Path).SkipLast(1).Select(ancestor => areas.GetAsync(ancestor, cancellationToken)).ToList();
        var children = await areas.ChildrenAsync(area?.Code, cancellationToken);
        var own = area is null ? null : rollUps.ReadAreaDayAsync(day, area.Code, cancellationToken);
        var childDays = await Task.WhenAll(children.Select(child => rollUps.ReadAreaDayAsync(day, child.Code, cancellationToken)));
        var ancestors = (await Task.WhenAll(above)).OfType<StoredArea>().Select(ancestor => ancestor.Summary).ToList();
        return TypedResults.Ok(new AreaDayFigures(
            DailyCountStore.Partition(day),
            area is null ? null : AreaFigures.Of(area.Summary, await own!),
            ancestors,
            children.Select((child, i) => AreaFigures.Of(child, childDays[i])).ToList()));
    }
}
