using Frontline.Sites;
using Frontline.Storage;
using Microsoft.Extensions.Logging;

namespace Frontline.Indicators;

/// <summary>
/// The indicators a fresh deployment starts with, from the source reports: the seven figures every site reports today,
/// and those the reports quote for one kind of site (核酸检测8轮, 核查补做核酸2100余人, 引导分流中高风险地区车辆近3000辆,
/// 通行证/出入证, 代买代取, 消杀, 每班次连续工作四小时以上). The only place in code that lists indicators.
/// </summary>
public static class IndicatorDefaults
{
    /// <summary>The bound today's counts enforce on each of the seven (CountValidation.MaxFigure), kept so that nothing changes meaning.</summary>
    private const decimal TodaysBound = 1_000_000;

    private static readonly string[] Everywhere = [.. SiteTypes.All.Order(StringComparer.Ordinal)];
    private static readonly string[] Residential = [SiteTypes.Community, SiteTypes.Compound];

    /// <summary>
    /// Each of the seven figures DailyCounts stores today and the field it is stored under (CountFigures): the
    /// rewiring slice reads old submissions and roll-ups through this, and these are the indicators that have data.
    /// </summary>
    public static IReadOnlyDictionary<string, string> LegacyFields { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["on-duty"] = "onDuty",
        ["party-members"] = "partyMembers",
        ["tested"] = "tested",
        ["people-checked"] = "peopleChecked",
        ["vehicles-checked"] = "vehiclesChecked",
        ["supplies-delivered"] = "suppliesDelivered",
        ["households-visited"] = "householdsVisited",
    };

    public static IReadOnlyList<IndicatorDefinition> Indicators { get; } =
    [
        // The seven of today, required where they apply, as today's form requires them.
        new("on-duty", "在岗人数", "People on duty", "人", IndicatorKinds.Count, IndicatorAggregations.Sum, 0, TodaysBound, Everywhere, true, 10, false),
        new("party-members", "其中党员", "Of whom party members", "人", IndicatorKinds.Count, IndicatorAggregations.Sum, 0, TodaysBound, Everywhere, true, 20, false),
        new("tested", "协助核酸检测", "People tested (assisted)", "人次", IndicatorKinds.Count, IndicatorAggregations.Sum, 0, TodaysBound,
            [SiteTypes.Community, SiteTypes.Compound, SiteTypes.TestingPoint], true, 30, false),
        new("people-checked", "核查人员", "People checked", "人次", IndicatorKinds.Count, IndicatorAggregations.Sum, 0, TodaysBound,
            [SiteTypes.Checkpoint, SiteTypes.Community, SiteTypes.Compound], true, 40, false),
        new("vehicles-checked", "查验车辆", "Vehicles checked", "辆", IndicatorKinds.Count, IndicatorAggregations.Sum, 0, TodaysBound,
            [SiteTypes.Checkpoint, SiteTypes.Compound], true, 50, false),
        // Also at testing points: 城管执法队员 at Xi'an's sampling points "承担…物资保障" (source 002).
        new("supplies-delivered", "配送物资", "Supplies delivered", "份", IndicatorKinds.Count, IndicatorAggregations.Sum, 0, TodaysBound,
            [SiteTypes.Community, SiteTypes.Compound, SiteTypes.SupplyPoint, SiteTypes.TestingPoint], true, 60, false),
        new("households-visited", "入户走访", "Households visited", "户", IndicatorKinds.Count, IndicatorAggregations.Sum, 0, TodaysBound, Residential, true, 70, false),

        // What the reports count at one kind of site; optional until the office decides otherwise.
        new("sampling-rounds", "采样轮次", "Sampling rounds", "轮", IndicatorKinds.Count, IndicatorAggregations.Sum, 0, 50, [SiteTypes.TestingPoint], false, 80, false),
        new("make-up-tests", "补做核酸", "Make-up tests", "人次", IndicatorKinds.Count, IndicatorAggregations.Sum, 0, TodaysBound,
            [SiteTypes.Checkpoint, SiteTypes.TestingPoint], false, 90, false),
        new("vehicles-diverted", "劝返分流车辆", "Vehicles diverted from high-risk areas", "辆", IndicatorKinds.Count, IndicatorAggregations.Sum, 0, TodaysBound,
            [SiteTypes.Checkpoint], false, 100, false),
        new("passes-issued", "发放出入证", "Passes issued", "份", IndicatorKinds.Count, IndicatorAggregations.Sum, 0, TodaysBound, Residential, false, 110, false),
        new("errands-run", "代买代取", "Errands run for residents", "次", IndicatorKinds.Count, IndicatorAggregations.Sum, 0, TodaysBound, Residential, false, 120, false),
        new("disinfection-rounds", "消杀轮次", "Disinfection rounds", "轮", IndicatorKinds.Count, IndicatorAggregations.Sum, 0, 100, Residential, false, 130, false),
        // Person-hours on duty that day (8 people on 4-hour shifts: 32), to a half hour; 24小时值守 by a big team fits.
        new("duty-hours", "值守时长", "Duty hours", "小时", IndicatorKinds.Hours, IndicatorAggregations.Sum, 0, 100_000, Everywhere, false, 140, false),
    ];

    /// <summary>TodaysBound's two cross-field rules, as data.</summary>
    public static IReadOnlyList<IndicatorRule> Rules { get; } =
    [
        new(IndicatorRuleKinds.AtMost, "party-members", AtMost: "on-duty"),
        new(IndicatorRuleKinds.AtMostAssigned, "on-duty"),
    ];
}

/// <summary>
/// Seeds <see cref="IndicatorDefaults"/> as version 1 when a store has no definition set, on every start (both hosts,
/// demo data or not): what is seeded is a deployment's starting point, which Admins change from there. A store that has
/// a set is left alone, so seeding twice is the same version, and an Admin's deletion never comes back.
/// </summary>
public sealed partial class IndicatorSeeder(IndicatorStore store, TimeProvider time, ILogger<IndicatorSeeder> logger) : IStorageStartupTask
{
    public const string SeededBy = "seed";

    public Task RunAsync(CancellationToken cancellationToken) => SeedAsync(cancellationToken);

    /// <summary>True when this call wrote version 1.</summary>
    public async Task<bool> SeedAsync(CancellationToken cancellationToken)
    {
        if (await store.ReadCurrentAsync(cancellationToken) is not null)
        {
            return false;
        }

        var set = new IndicatorSet(1, IndicatorDefaults.Indicators, IndicatorDefaults.Rules, SeededBy, time.GetUtcNow(), "seeded the defaults from the source reports");
        try
        {
            // The seven of today have data in DailyCounts already: marked in the same batch, so never deletable.
            await store.WriteAsync(set, null, cancellationToken, IndicatorDefaults.LegacyFields.Keys);
        }
        catch (IndicatorSetChangedException)
        {
            // Another host seeded between the read and the write: its version 1 is the same defaults.
            return false;
        }

        LogSeeded(logger, set.Indicators.Count);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Count} default indicators as version 1")]
    private static partial void LogSeeded(ILogger logger, int count);
}
