using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Frontline.Batches;
using Frontline.Security;
using Frontline.Shifts;
using Frontline.Tests.Foundation;
using Frontline.Tests.Infrastructure;

namespace Frontline.Tests.Shifts;

/// <summary>The demo seeding (DemoSeedTask's steps, in its order) loads the 房产局's batches and the sites' shift patterns once.</summary>
public sealed class ShiftSeedTests
{
    [Fact]
    public async Task The_demo_seed_loads_the_fangchan_batches_and_the_shift_patterns_once()
    {
        await using var app = new FrontlineApp();
        var seeds = Path.Combine(HostParityTests.RepoRoot(), "seeds");
        await app.InitializeAsync();
        await app.Get<Frontline.Seeding.DemoSeeder>().SeedAsync(seeds, CancellationToken.None);
        Assert.Equal(3, await app.Get<BatchSeeder>().SeedAsync(seeds, CancellationToken.None));
        Assert.Equal(2, await app.Get<ShiftPatternSeeder>().SeedAsync(seeds, CancellationToken.None));
        using var coordinator = app.CreateClient(await app.TokenAsync([Roles.Coordinator]));

        // 市房产局: since 3月17日, 3 batches and 11 person-times; on 6月1日 its 6 team members at the 建邺区 health centres (source 004).
        var onJune1 = await coordinator.GetFromJsonAsync<UnitBatches>("/api/units/nj-fangchan/batches?day=2022-06-01", JsonSerializerOptions.Web);
        Assert.Equal((3, 11, 6), (onJune1!.Batches, onJune1.PersonTimes, onJune1.OnDuty));
        Assert.Equal(new DateOnly(2022, 3, 17), onJune1.Items[0].From);
        Assert.Equal([null, onJune1.Items[0].BatchId, onJune1.Items[1].BatchId], onJune1.Items.Select(batch => batch.Replaces));
        Assert.All(onJune1.Items, batch => Assert.Equal("nj-jianye-support", Assert.Single(batch.Sites).SiteId));

        // 每班次连续工作四小时以上 at the 三牌楼 testing point; 8 hours a day at the 沪宁高速 checkpoint, kept round the clock.
        var testing = await coordinator.GetFromJsonAsync<ShiftPatternView>("/api/sites/nj-sanpailou-testing/shift-pattern", JsonSerializerOptions.Web);
        Assert.Equal(ShiftPatternKinds.Day, testing!.Kind);
        Assert.All(testing.Shifts, shift => Assert.Equal(4m, shift.Hours));
        var checkpoint = await coordinator.GetFromJsonAsync<ShiftPatternView>("/api/sites/nj-huning-checkpoint/shift-pattern", JsonSerializerOptions.Web);
        Assert.Equal((ShiftPatternKinds.RoundTheClock, 24m), (checkpoint!.Kind, checkpoint.HoursCovered));
        Assert.All(checkpoint.Shifts, shift => Assert.Equal(8m, shift.Hours));

        // Once: a second run adds nothing.
        Assert.Equal(0, await app.Get<BatchSeeder>().SeedAsync(seeds, CancellationToken.None));
        Assert.Equal(0, await app.Get<ShiftPatternSeeder>().SeedAsync(seeds, CancellationToken.None));
        Assert.Equal(3, (await app.Get<BatchStore>().ListAsync("nj-fangchan", CancellationToken.None)).Count);
    }
}
