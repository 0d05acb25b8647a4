using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Frontline.Host;
using Frontline.Tests.Infrastructure;
using Frontline.Volunteers;

namespace Frontline.Tests.Faults;

/// <summary>Storage stops in the middle of a burst of registrations, then comes back.</summary>
public sealed class StorageOutageTests
{
    private sealed class AppBehindLink(StorageLink link) : FrontlineApp
    {
        protected override Task<LocalAzurite> AzuriteForThisApp() => Task.FromResult(link.Endpoint);
    }

    [Fact]
    public async Task Every_registration_accepted_around_an_outage_is_stored_exactly_once_and_the_outage_answers_503_with_retry_after()
    {
        await using var link = StorageLink.Start(await SharedAzurite.GetAsync());
        await using var app = new AppBehindLink(link);
        // A message whose settling the outage cut off reappears when its lease ends (Functions: the visibility
        // timeout of its receive); a short lease keeps the test short.
        app.Settings["Frontline:Queues:ReceiveLease"] = "00:00:05";
        await app.InitializeAsync();
        await Ledger.SeedCatalogAsync(app);
        using var client = app.CreateClient();

        var accepted = new ConcurrentBag<RegistrationAccepted>();
        var refused = new ConcurrentBag<int>();
        var unexpected = new ConcurrentBag<string>();
        async Task SubmitAsync(int index)
        {
            using var response = await client.PostAsJsonAsync("/api/registrations", Ledger.Form(index));
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                accepted.Add((await response.Content.ReadFromJsonAsync<RegistrationAccepted>())!);
            }
            else if (response.StatusCode == HttpStatusCode.ServiceUnavailable
                && response.Content.Headers.ContentType?.MediaType == "application/problem+json"
                && response.Headers.RetryAfter?.Delta > TimeSpan.Zero)
            {
                refused.Add(index);
            }
            else
            {
                unexpected.Add($"{index}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }

        // One burst of 120 forms from 8 clients; storage is cut once 30 are in and restored 2 s later, with
        // requests in flight both times.
        const int Forms = 120;
        var next = -1;
        var clients = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < Forms)
            {
                await SubmitAsync(index);
            }
        })).ToArray();
        await FrontlineApp.EventuallyAsync(() => Task.FromResult(accepted.Count), count => count >= 30);
        link.Cut();
        await Task.Delay(TimeSpan.FromSeconds(2));
        await SubmitAsync(Forms); // certainly inside the outage
        link.Restore();
        await Task.WhenAll(clients);

        Assert.True(unexpected.IsEmpty, string.Join("\n", unexpected.Concat(app.LogLines.Where(line => line.Contains("Exception", StringComparison.Ordinal)).Take(3))));
        Assert.Contains(Forms, refused);
        Assert.Equal(Forms + 1, accepted.Count + refused.Count);

        // Every form that got a 202 ends as one volunteer, counted once, however the outage cut its way through.
        var statuses = await Ledger.SettleAsync(app, accepted, TimeSpan.FromSeconds(60));
        Assert.All(statuses, status => Assert.Contains(status.Status, new[] { VolunteerStatus.Assigned, VolunteerStatus.Waitlisted }));
        var counts = await FrontlineApp.EventuallyAsync(() => Ledger.CountAsync(app), counts => counts.Members == counts.Volunteers && counts.Members >= accepted.Count);
        // A 503 answered while the message was already on its way may still be stored (at least once), never twice.
        Assert.InRange(counts.Members, accepted.Count, accepted.Count + refused.Count - 1);
        counts.AssertConsistent(counts.Members);
    }
}
