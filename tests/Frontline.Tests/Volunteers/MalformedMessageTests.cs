using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Frontline.Storage;
using Frontline.Tests.Infrastructure;

namespace Frontline.Tests.Volunteers;

/// <summary>
/// A queue takes anything, so a registration message that lacks what a registration needs must fail alone: refused by
/// name before it touches the ledger, poisoned after its tries, and never in the way of the registrations after it.
/// (Once it reached the deployment ledger's commit queue and stood first in every later batch, so that no volunteer
/// was placed again until the host restarted.)
/// </summary>
public sealed class MalformedMessageTests
{
    [Theory]
    [InlineData("{\"not\":\"a registration\"}", "registrationId")]
    [InlineData("{\"registrationId\":\"r1\",\"phoneHash\":\"abc\",\"protectedPhone\":\"x\",\"name\":\"张三\",\"skills\":[]}", "workUnit")]
    public async Task A_malformed_registration_message_is_poisoned_with_its_reason_and_registrations_after_it_are_placed(string body, string missing)
    {
        await using var app = new FrontlineApp();
        await app.InitializeAsync();
        await app.Storage.Queue(QueueNames.Registrations).SendMessageAsync(body);
        using var client = app.CreateClient();
        using var coordinator = app.CreateClient(await app.TokenAsync(["Coordinator"]));

        // Once the bad message is in the poison queue, a good registration is still placed.
        var poison = await FrontlineApp.EventuallyAsync(
            async () => JsonDocument.Parse(await coordinator.GetStringAsync("/api/queues/poison")).RootElement.Clone(),
            root => root.GetProperty("queues").EnumerateArray().Any(queue => queue.GetProperty("queue").GetString() == QueueNames.Registrations
                && queue.GetProperty("messages").GetArrayLength() == 1),
            TimeSpan.FromMinutes(2));
        var today = Frontline.Tests.DailyCounts.CountsApp.Today;
        var response = await client.PostAsJsonAsync("/api/registrations", new Dictionary<string, object?>
        {
            ["name"] = "李春雷", ["phone"] = "13800138011", ["workUnit"] = "nj-yibao", ["partyMember"] = true, ["partyBranch"] = "机关第一党支部",
            ["skills"] = new[] { "gate-control" }, ["availableFrom"] = today.ToString("O"), ["availableTo"] = today.AddDays(30).ToString("O"), ["consent"] = true,
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var receipt = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var status = await FrontlineApp.EventuallyAsync(
            () => client.GetStringAsync($"/api/registrations/{receipt.GetProperty("registrationId").GetString()}?code={receipt.GetProperty("receiptCode").GetString()}"),
            text => !text.Contains("\"received\"", StringComparison.Ordinal));

        Assert.Contains("\"waitlisted\"", status, StringComparison.Ordinal);
        var message = poison.GetProperty("queues").EnumerateArray().Single(queue => queue.GetProperty("queue").GetString() == QueueNames.Registrations)
            .GetProperty("messages")[0];
        Assert.Equal($"InvalidDataException: The registration message has no {missing}.", message.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_change_the_ledger_cannot_plan_fails_alone_and_the_next_arrival_commits()
    {
        await using var app = new FrontlineApp();
        await app.InitializeAsync();
        var ledger = app.Get<Frontline.Sites.DeploymentLedger>();

        await Assert.ThrowsAnyAsync<Exception>(() => ledger.JoinAsync(new Frontline.Sites.NewMember(new string('a', 32), "r-bad", null!, null), _ => null, CancellationToken.None));
        var next = await ledger.JoinAsync(new Frontline.Sites.NewMember(new string('b', 32), "r-good", "unit-x", null), _ => null, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("r-good", next.RegistrationId);
    }
}
