using System.Net;
using System.Net.Http.Json;
using Frontline.Bulletins;
using Frontline.DailyCounts;
using Frontline.Tests.Infrastructure;
using Frontline.Volunteers;

namespace Frontline.Tests.Faults;

/// <summary>Two hosts on one storage account, both serving HTTP and both listening to the queues, as two instances would.</summary>
public sealed class TwoHostsTests : IAsyncLifetime
{
    private readonly FrontlineApp _first = new();
    private FrontlineApp _second = null!;

    public async Task InitializeAsync()
    {
        await _first.InitializeAsync();
        _second = new FrontlineApp { NamePrefix = _first.NamePrefix };
        await _second.InitializeAsync();
        await Ledger.SeedCatalogAsync(_first);
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }

    [Fact]
    public async Task Registrations_sent_to_both_hosts_are_each_stored_once_even_when_the_same_person_uses_both()
    {
        using var first = _first.CreateClient();
        using var second = _second.CreateClient();
        // 80 people; 20 of them send the same form to both hosts at once.
        var sends = Enumerable.Range(0, 80).SelectMany(index => index < 20
            ? new[] { (Client: first, Index: index), (Client: second, Index: index) }
            : [(Client: index % 2 == 0 ? first : second, Index: index)]);
        var receipts = await Task.WhenAll(sends.Select(async send =>
        {
            using var response = await send.Client.PostAsJsonAsync("/api/registrations", Ledger.Form(send.Index));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<RegistrationAccepted>())!;
        }));

        var statuses = await Ledger.SettleAsync(_first, receipts, TimeSpan.FromSeconds(60));

        Assert.Equal(80, statuses.Count(status => status.Status is VolunteerStatus.Assigned or VolunteerStatus.Waitlisted));
        Assert.Equal(20, statuses.Count(status => status.Status == VolunteerStatus.Duplicate));
        (await Ledger.CountAsync(_first)).AssertConsistent(80);
    }

    [Fact]
    public async Task Counts_submitted_through_both_hosts_roll_up_once_with_the_latest_version()
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
        // Each host trusts its own development tokens, as each Azure instance trusts Entra ID.
        using var first = _first.CreateClient(await _first.TokenAsync(["Reporter"], Ledger.Unit));
        using var second = _second.CreateClient(await _second.TokenAsync(["Reporter"], Ledger.Unit));
        // A community reports people checked and households visited; a testing point does not (its zeros are dropped).
        object Body(long tested, bool testingPoint = false) =>
            new { onDuty = 3, partyMembers = 2, tested, peopleChecked = testingPoint ? 0 : 10, vehiclesChecked = 0, suppliesDelivered = 1, householdsVisited = testingPoint ? 0 : 4 };
        string Path(string site) => $"/api/sites/{site}/counts/{day:O}";

        // The same body through both hosts at once, then a correction through the other host.
        var same = await Task.WhenAll(
            first.PutAsJsonAsync(Path("nj-sanpailou"), Body(100)),
            second.PutAsJsonAsync(Path("nj-sanpailou"), Body(100)),
            second.PutAsJsonAsync(Path("nj-clinic"), Body(40, testingPoint: true)));
        Assert.All(same, response => Assert.True(response.IsSuccessStatusCode, response.StatusCode.ToString()));
        var correction = await first.PutAsJsonAsync(Path("nj-clinic"), Body(45, testingPoint: true));
        Assert.True(correction.IsSuccessStatusCode);

        var rollUp = await FrontlineApp.EventuallyAsync(
            () => _second.Get<RollUpStore>().ReadDayAsync(day, CancellationToken.None),
            rollUp => rollUp.Total.Tested == 145, TimeSpan.FromSeconds(30));
        Assert.Equal(2, rollUp.Reports);
        Assert.Equal(6, rollUp.Total.OnDuty);
        Assert.Equal(145, rollUp.BySite["nj-sanpailou"].Tested + rollUp.BySite["nj-clinic"].Tested);
        Assert.Equal(45, rollUp.BySite["nj-clinic"].Tested);
    }

    [Fact]
    public async Task Both_hosts_firing_the_bulletin_timer_together_publish_one_bulletin()
    {
        var runs = (await Task.WhenAll(Enumerable.Range(0, 6).Select(index => Task.Run(() =>
            (index % 2 == 0 ? _first : _second).Get<BulletinService>().RunNowAsync(CancellationToken.None))))).Select(results => results.Single()).ToList();

        Assert.Single(runs, run => run.Outcome == "published");
        Assert.Single(runs.Select(run => (run.Year, run.Number, run.TotalNumber)).Distinct());
        using var client = _second.CreateClient();
        var listed = (await client.GetFromJsonAsync<List<BulletinSummary>>("/api/bulletins"))!;
        Assert.Equal((1, 97), (Assert.Single(listed).Number, listed[0].TotalNumber));
    }
}
