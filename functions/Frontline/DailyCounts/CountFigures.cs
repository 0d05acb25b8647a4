namespace Frontline.DailyCounts;

/// <summary>The seven figures a unit reports for a site and a day.</summary>
public sealed record CountFigures(long OnDuty, long PartyMembers, long Tested, long PeopleChecked, long VehiclesChecked, long SuppliesDelivered, long HouseholdsVisited)
{
    public static CountFigures Zero { get; } = new(0, 0, 0, 0, 0, 0, 0);

    public static CountFigures operator +(CountFigures a, CountFigures b) => new(
        a.OnDuty + b.OnDuty, a.PartyMembers + b.PartyMembers, a.Tested + b.Tested, a.PeopleChecked + b.PeopleChecked,
        a.VehiclesChecked + b.VehiclesChecked, a.SuppliesDelivered + b.SuppliesDelivered, a.HouseholdsVisited + b.HouseholdsVisited);

    public static CountFigures operator -(CountFigures a, CountFigures b) => new(
        a.OnDuty - b.OnDuty, a.PartyMembers - b.PartyMembers, a.Tested - b.Tested, a.PeopleChecked - b.PeopleChecked,
        a.VehiclesChecked - b.VehiclesChecked, a.SuppliesDelivered - b.SuppliesDelivered, a.HouseholdsVisited - b.HouseholdsVisited);

    public static CountFigures Add(CountFigures left, CountFigures right) => left + right;

    public static CountFigures Subtract(CountFigures left, CountFigures right) => left - right;

    public IEnumerable<(string Field, long Value)> Named() =>
    [
        ("onDuty", OnDuty), ("partyMembers", PartyMembers), ("tested", Tested), ("peopleChecked", PeopleChecked),
        ("vehiclesChecked", VehiclesChecked), ("suppliesDelivered", SuppliesDelivered), ("householdsVisited", HouseholdsVisited),
    ];

    internal void WriteTo(Azure.Data.Tables.TableEntity entity)
    {
        entity["OnDuty"] = OnDuty;
        entity["PartyMembers"] = PartyMembers;
        entity["Tested"] = Tested;
        entity["PeopleChecked"] = PeopleChecked;
        entity["VehiclesChecked"] = VehiclesChecked;
        entity["SuppliesDelivered"] = SuppliesDelivered;
        entity["HouseholdsVisited"] = HouseholdsVisited;
    }

    internal static CountFigures ReadFrom(Azure.Data.Tables.TableEntity entity) => new(
        entity.GetInt64("OnDuty") ?? 0, entity.GetInt64("PartyMembers") ?? 0, entity.GetInt64("Tested") ?? 0, entity.GetInt64("PeopleChecked") ?? 0,
        entity.GetInt64("VehiclesChecked") ?? 0, entity.GetInt64("SuppliesDelivered") ?? 0, entity.GetInt64("HouseholdsVisited") ?? 0);
}
