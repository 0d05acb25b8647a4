using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Frontline.Batches;
using Frontline.Bulletins;
using Frontline.Seeding;
using Frontline.Tests.Foundation;
using Frontline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Frontline.Tests.Bulletins;

/// <summary>
/// Dispatch batches in the bulletin: the 市房产局's three rotations of the demo (3批11人次, 2022) are told as the
/// report tells them, and a batch on duty on the period's last day counts its people like registered volunteers, a
/// listed registered volunteer once.
/// </summary>
public sealed class BulletinBatchTests
{
    private static readonly string Seeds = Path.Combine(HostParityTests.RepoRoot(), "seeds");

    private static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);

    [Fact]
    public async Task The_bulletin_tells_the_batches_person_times_and_counts_a_batch_on_duty_with_each_person_once()
    {
        var time = new MovableTime(DateTimeOffset.UtcNow);
        await using var app = new FrontlineApp { ConfigureTestServices = services => services.AddSingleton<TimeProvider>(time) };
        app.Settings["BulletinSchedule"] = "0 0 0 1 1 *";
        app.Settings["Frontline:Bulletins:Series:0:SeriesId"] = "nanjing-jiguan";
        app.Settings["Frontline:Bulletins:Series:0:Title"] = "机关党建简报";
        app.Settings["Frontline:Bulletins:Series:0:ShortName"] = "南京市级机关工委";
        app.Settings["Frontline:Bulletins:Series:0:Office"] = "中共南京市级机关工作委员会";
        foreach (var (unitId, index) in new[] { "nj-yibao", "nj-fangchan", "nj-jiyao" }.Select((unitId, index) => (unitId, index)))
        {
            app.Settings[$"Frontline:Bulletins:Series:0:UnitIds:{index}"] = unitId;
        }

        app.Settings["Frontline:Bulletins:Series:1:SeriesId"] = "nanjing";
        app.Settings["Frontline:Bulletins:Series:1:ShortName"] = "南京市疫情防控应急指挥部";
        app.Settings["Frontline:Bulletins:Series:1:Office"] = "南京市疫情防控应急指挥部";
        app.Settings["Frontline:Bulletins:Series:1:AreaCode"] = "320100";
        await app.InitializeAsync();
        await app.Get<DemoSeeder>().SeedAsync(Seeds, CancellationToken.None);
        Assert.Equal(3, await app.Get<BatchSeeder>().SeedAsync(Seeds, CancellationToken.None));

        var service = app.Get<BulletinService>();
        var units = service.Series.Single(series => series.SeriesId == "nanjing-jiguan");
        var city = service.Series.Single(series => series.SeriesId == "nanjing");
        var period = Period.JustClosed(Cadence.Daily, Today);
        // 林霞 of 市房产局 is a registered volunteer: once the directory has her, she is one of the unit's people.
        var before = await FrontlineApp.EventuallyAsync(() => service.FiguresAsync(units, period, CancellationToken.None),
            figures => figures.VolunteersRegistered == File.ReadAllLines(Path.Combine(Seeds, "volunteers.csv")).Count(line => line.Contains(",nj-", StringComparison.Ordinal)));
        // The demo's three rotations ended in 2022: person-times, none on duty now.
        Assert.Equal((3, 11), (before.Batches, before.PersonTimes));
        var cityBefore = await service.FiguresAsync(city, period, CancellationToken.None);
        Assert.Equal((3, 11), (cityBefore.Batches, cityBefore.PersonTimes));

        // A fourth batch on duty over the period: five people at the 建邺 support point, 林霞 among them by her phone.
        using var reporter = app.CreateClient(await app.TokenAsync(["Reporter"], "nj-fangchan"));
        using var created = await reporter.PostAsJsonAsync("/api/units/nj-fangchan/batches", new
        {
            from = Today.AddDays(-3).ToString("O", CultureInfo.InvariantCulture),
            to = Today.AddDays(10).ToString("O", CultureInfo.InvariantCulture),
            sites = new[] { new { siteId = "nj-jianye-support", people = 5 } },
            names = new[] { new { name = "林霞", phone = "139 0000 0019", siteId = "nj-jianye-support" } },
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var batchId = (await created.Content.ReadFromJsonAsync<BatchView>())!.BatchId;
        var stored = (await app.Get<BatchStore>().GetAsync("nj-fangchan", batchId, CancellationToken.None))!.Value.Batch;
        var site = Assert.Single(stored.Sites);
        Assert.Equal(1, site.Registered);

        // Recorded today: yesterday's bulletin, composed as of its end, does not have it; today's period does.
        Assert.Equal((3, 11), ((await service.FiguresAsync(units, period, CancellationToken.None)).Batches, before.PersonTimes));
        var todays = Period.Day(Today);
        var after = await service.FiguresAsync(units, todays, CancellationToken.None);
        Assert.Equal((4, 16), (after.Batches, after.PersonTimes));
        // 林霞 is counted once, as the unit's volunteer where the directory has her: the batch adds the four others.
        Assert.Equal(before.VolunteersRegistered + 4, after.VolunteersRegistered);
        Assert.Equal(before.VolunteersAssigned + 4, after.VolunteersAssigned);
        var cityAfter = await service.FiguresAsync(city, todays, CancellationToken.None);
        Assert.Equal(cityBefore.VolunteersAssigned + 4, cityAfter.VolunteersAssigned);

        // A batch that had not begun by the period's end is not in its bulletin.
        var earlier = await service.FiguresAsync(units, Period.Day(Today.AddDays(-5)), CancellationToken.None);
        Assert.Equal((3, 11), (earlier.Batches, earlier.PersonTimes));

        var draft = await service.ComposeAsync(units, todays, CancellationToken.None);
        Assert.Contains("各单位先后派出4批16人次", draft.Content.Lead, StringComparison.Ordinal);

        // Withdrawn two days later: the day it stood still counts it, as composed then; the day of the withdrawal does not.
        time.Now += TimeSpan.FromDays(2);
        using (var withdrawn = await reporter.PostAsync($"/api/units/nj-fangchan/batches/{batchId}/withdraw", null))
        {
            Assert.True(withdrawn.IsSuccessStatusCode, await withdrawn.Content.ReadAsStringAsync());
        }

        var stood = await service.FiguresAsync(units, todays, CancellationToken.None);
        Assert.Equal((4, 16, after.VolunteersAssigned), (stood.Batches, stood.PersonTimes, stood.VolunteersAssigned));
        var gone = await service.FiguresAsync(units, Period.Day(Today.AddDays(2)), CancellationToken.None);
        Assert.Equal((3, 11, before.VolunteersAssigned), (gone.Batches, gone.PersonTimes, gone.VolunteersAssigned));
    }
}
