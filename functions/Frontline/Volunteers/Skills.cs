namespace Frontline.Volunteers;

/// <summary>What a volunteer can do, and equally the duties a site has (the reports' list of front-line work).</summary>
public static class Skills
{
    public const string GateControl = "gate-control";
    public const string TestingOrder = "testing-order";
    public const string DataEntry = "data-entry";
    public const string SampleTransport = "sample-transport";
    public const string Disinfection = "disinfection";
    public const string SupplyDelivery = "supply-delivery";
    public const string DoorToDoor = "door-to-door";
    public const string PsychologicalSupport = "psychological-support";
    public const string Driving = "driving";
    public const string Medical = "medical";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(
        [GateControl, TestingOrder, DataEntry, SampleTransport, Disinfection, SupplyDelivery, DoorToDoor, PsychologicalSupport, Driving, Medical],
        StringComparer.Ordinal);
}
