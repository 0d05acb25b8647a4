using System.Net;
using System.Net.Http.Json;
using Frontline.Sites;
using Frontline.Storage;
using Frontline.Tests.Infrastructure;
using Frontline.Volunteers;

namespace Frontline.Tests.Faults;

/// <summary>
/// Hosts keep each other's catalog current without reading the whole directory: arrivals through the counter
/// journal, imports through the catalog's version row, each within the 5 seconds the catalog may be old, plus the
/// refresh that brings it up to date.
/// </summary>
public sealed class CatalogAcrossHostsTests : IAsyncLifetime
{
    /// <summary>
    /// A host writes its counter changes to the journal within a second; a reader's catalog may be 5 s old, and its refresh
    /// then runs in the background: about 7 s, given as 20 for a machine the whole test suite is loading.
    /// </summary>
    private static readonly TimeSpan WithinSeconds = TimeSpan.FromSeconds(20);

    private readonly FrontlineApp _processing = new();
    private FrontlineApp _reading = null!;

    public async Task InitializeAsync()
    {
        await _processing.InitializeAsync();
        _reading = new FrontlineApp { NamePrefix = _processing.NamePrefix };
        _reading.Settings["Frontline:Triggers:Enabled"] = "false";
        _reading.Settings["Frontline:Storage:Meter"] = "true";
        await _reading.InitializeAsync();
        await Ledger.SeedCatalogAsync(_processing);
    }

    public async Task DisposeAsync()
    {
        await _reading.DisposeAsync();
        await _processing.DisposeAsync();
    }

    [Fact]
    public async Task Arrivals_processed_by_one_host_reach_the_others_catalog_within_seconds_with_exact_counters_and_no_full_read()
    {
        var cache = _reading.Get<CatalogCache>();
        await cache.GetCatalogAsync(CancellationToken.None, fresh: true);
        var meter = _reading.Get<StorageMeter>();
        meter.Reset();

        // Two rounds, so that the reader applies journal rows over rows it already took from the journal.
        using var client = _processing.CreateClient();
        const int Registrations = 12;
        Catalog seen = null!;
        foreach (var round in (int[])[0, 1])
        {
            for (var index = round * Registrations / 2; index < (round + 1) * Registrations / 2; index++)
            {
                using var response = await client.PostAsJsonAsync("/api/registrations", Ledger.Form(index));
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            }

            var expected = (round + 1) * Registrations / 2;
            await FrontlineApp.EventuallyAsync(async () => (await Ledger.CountAsync(_processing)).Members, members => members == expected, TimeSpan.FromSeconds(30));
            var started = DateTime.UtcNow;
            seen = await FrontlineApp.EventuallyAsync(() => cache.GetCatalogAsync(CancellationToken.None), catalog => catalog.Units[Ledger.Unit].Volunteers == expected, WithinSeconds);
            Assert.True(DateTime.UtcNow - started < WithinSeconds);
        }

        // Exactly what storage holds, counter by counter.
        var stored = await _processing.Get<CatalogCache>().GetCatalogAsync(CancellationToken.None, fresh: true);
        Assert.Equal(stored.Units[Ledger.Unit].Volunteers, seen.Units[Ledger.Unit].Volunteers);
        Assert.Equal(stored.Sites.Values.Select(site => (site.Id, site.Assigned)).Order(), seen.Sites.Values.Select(site => (site.Id, site.Assigned)).Order());
        Assert.Equal(stored.Rosters.OrderBy(roster => roster.Key), seen.Rosters.OrderBy(roster => roster.Key));

        // The reading host never read the directory whole: from its partition only the version row, once a refresh.
        var deploymentReads = meter.Slots().Where(slot => slot.Resource == _reading.NamePrefix + TableNames.Deployment).Sum(slot => slot.Read);
        Assert.InRange(deploymentReads, 1, 10);
        Assert.Contains(meter.Slots(), slot => slot.Resource.StartsWith(_reading.NamePrefix + CatalogJournal.TablePrefix, StringComparison.Ordinal) && slot.Read > 0);
    }

    [Fact]
    public async Task A_site_imported_on_one_host_reaches_the_others_catalog_within_seconds()
    {
        var cache = _reading.Get<CatalogCache>();
        Assert.DoesNotContain("nj-new-point", (await cache.GetCatalogAsync(CancellationToken.None, fresh: true)).Sites.Keys);

        await _processing.Get<CatalogStore>().ImportSitesAsync(
            [new SiteDefinition("nj-new-point", "新设卡口", SiteTypes.Checkpoint, "南京市", null, "新设卡口", null, null, 6, [Skills.GateControl], null, null)], CancellationToken.None);

        var started = DateTime.UtcNow;
        var seen = await FrontlineApp.EventuallyAsync(() => cache.GetCatalogAsync(CancellationToken.None), catalog => catalog.Sites.ContainsKey("nj-new-point"), WithinSeconds);
        Assert.True(DateTime.UtcNow - started < WithinSeconds);
        Assert.Equal(6, seen.Sites["nj-new-point"].Needed);
    }
}
