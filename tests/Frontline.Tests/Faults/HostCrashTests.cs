using System.Net;
using System.Net.Http.Json;
using Frontline.Storage;
using Frontline.Tests.Infrastructure;
using Frontline.Volunteers;

namespace Frontline.Tests.Faults;

/// <summary>The host dies while it works through a queue of registrations, and another host takes over.</summary>
public sealed class HostCrashTests
{
    [Fact]
    public async Task A_host_killed_mid_queue_leaves_every_registration_stored_exactly_once_after_another_host_takes_over()
    {
        const int Registrations = 600;
        // Intake only: the queue fills before anyone processes it.
        await using var intake = new FrontlineApp();
        intake.Settings["Frontline:Triggers:Enabled"] = "false";
        await intake.InitializeAsync();
        await Ledger.SeedCatalogAsync(intake);
        using var client = intake.CreateClient();
        var receipts = new RegistrationAccepted[Registrations];
        await Parallel.ForEachAsync(Enumerable.Range(0, Registrations), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (index, token) =>
        {
            using var response = await client.PostAsJsonAsync("/api/registrations", Ledger.Form(index), token);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            receipts[index] = (await response.Content.ReadFromJsonAsync<RegistrationAccepted>(token))!;
        });
        var queue = intake.Storage.Queue(QueueNames.Registrations);

        // A real host process works through the queue and is killed once it is about a third of the way in,
        // with a batch in flight: some messages handled but not deleted, some half-way through their writes.
        var settings = new Dictionary<string, string>
        {
            ["Frontline:PersonalDataKey"] = intake.Get<Microsoft.Extensions.Configuration.IConfiguration>()["Frontline:PersonalDataKey"]!,
            ["Frontline:PhoneHashKey"] = intake.Get<Microsoft.Extensions.Configuration.IConfiguration>()["Frontline:PhoneHashKey"]!,
            ["Frontline:Queues:ReceiveLease"] = "00:00:03",
        };
        await using (var doomed = HostProcess.Start(intake.Azurite, intake.NamePrefix, settings))
        {
            await FrontlineApp.EventuallyAsync(
                async () => (await Ledger.CountAsync(intake)).Members,
                members => members >= Registrations / 3 || doomed.HasExited, TimeSpan.FromMinutes(5));
            Assert.False(doomed.HasExited, string.Join("\n", doomed.Output.TakeLast(20)));
            await doomed.KillAsync();
        }

        var atTheKill = await Ledger.CountAsync(intake);
        Assert.InRange(atTheKill.Members, 1, Registrations - 1);

        // A second host on the same storage finishes the queue, including what the dead host had leased.
        await using var survivor = new FrontlineApp { NamePrefix = intake.NamePrefix };
        await survivor.InitializeAsync();
        var statuses = await Ledger.SettleAsync(survivor, receipts, TimeSpan.FromMinutes(5));

        Assert.All(statuses, status => Assert.Contains(status.Status, new[] { VolunteerStatus.Assigned, VolunteerStatus.Waitlisted }));
        var counts = await Ledger.CountAsync(survivor);
        counts.AssertConsistent(Registrations);
        Assert.Equal(0, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.Equal(0, (await survivor.Storage.Queue(QueueNames.Poison(QueueNames.Registrations)).GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }
}
