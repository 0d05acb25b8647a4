using System.Net;
using System.Net.Http.Json;
using Azure.Data.Tables;
using Frontline.Sites;
using Frontline.Storage;
using Frontline.Tests.Infrastructure;
using Frontline.Volunteers;

namespace Frontline.Tests.Faults;

/// <summary>
/// Two hosts write a unit's volunteer count to different tally rows (their writer slots), so they never contend for
/// it, and the count stays exact when a volunteer arrives through one host and leaves through the other.
/// </summary>
public sealed class WriterSlotTests : IAsyncLifetime
{
    private readonly FrontlineApp _processing = new();
    private FrontlineApp _withdrawing = null!;

    public async Task InitializeAsync()
    {
        await _processing.InitializeAsync();
        _withdrawing = new FrontlineApp { NamePrefix = _processing.NamePrefix };
        _withdrawing.Settings["Frontline:Triggers:Enabled"] = "false";
        await _withdrawing.InitializeAsync();
        await Ledger.SeedCatalogAsync(_processing);
    }

    public async Task DisposeAsync()
    {
        await _withdrawing.DisposeAsync();
        await _processing.DisposeAsync();
    }

    [Fact]
    public async Task Two_hosts_hold_different_slots_and_an_arrival_on_one_and_a_leave_on_the_other_keep_the_count_exact()
    {
        var processingSlot = await _processing.Get<WriterSlot>().CurrentAsync(CancellationToken.None);
        var withdrawingSlot = await _withdrawing.Get<WriterSlot>().CurrentAsync(CancellationToken.None);
        Assert.NotEqual(processingSlot, withdrawingSlot);

        // A slot is held: asking again within the lease answers the same slot, and the lease row names it.
        Assert.Equal(processingSlot, await _processing.Get<WriterSlot>().CurrentAsync(CancellationToken.None));
        var leases = await RowsAsync("writer-slots", "slot|");
        Assert.Equal([$"slot|{Math.Min(processingSlot, withdrawingSlot):D2}", $"slot|{Math.Max(processingSlot, withdrawingSlot):D2}"], leases.Keys.Order());

        // Six volunteers arrive through the host that processes the queue…
        using var registering = _processing.CreateClient();
        var receipts = new List<RegistrationAccepted>();
        for (var index = 0; index < 6; index++)
        {
            using var response = await registering.PostAsJsonAsync("/api/registrations", Ledger.Form(index));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            receipts.Add((await response.Content.ReadFromJsonAsync<RegistrationAccepted>())!);
        }

        await Ledger.SettleAsync(_processing, receipts, TimeSpan.FromSeconds(30));

        // …and two leave through the other host, which writes their leave to its own slot.
        using var withdrawing = _withdrawing.CreateClient();
        foreach (var receipt in receipts.Take(2))
        {
            using var response = await withdrawing.PostAsync($"/api/registrations/{receipt.RegistrationId}/withdraw?code={receipt.ReceiptCode}", null);
            Assert.True(response.IsSuccessStatusCode, response.StatusCode.ToString());
        }

        var tallies = await RowsAsync(DeploymentRows.Partition, $"{DeploymentRows.UnitTallyPrefix}{Ledger.Unit}|");
        Assert.Equal(6, tallies[DeploymentRows.UnitTally(Ledger.Unit, processingSlot)]);
        Assert.Equal(-2, tallies[DeploymentRows.UnitTally(Ledger.Unit, withdrawingSlot)]);

        var counts = await Ledger.CountAsync(_processing);
        Assert.Equal(4, counts.UnitCounter);
        Assert.Equal(4, counts.Members);
        Assert.Equal(counts.Placed, counts.SiteCounters);

        // Both hosts' catalogs sum the shards to the same count.
        foreach (var app in (FrontlineApp[])[_processing, _withdrawing])
        {
            var catalog = await app.Get<CatalogCache>().GetCatalogAsync(CancellationToken.None, fresh: true);
            Assert.Equal(4, catalog.Units[Ledger.Unit].Volunteers);
        }
    }

    /// <summary>Rows of the directory table in one partition whose keys start with the prefix: key → the count they hold.</summary>
    private async Task<Dictionary<string, long>> RowsAsync(string partition, string prefix)
    {
        var table = new TableServiceClient(_processing.Azurite.ConnectionString).GetTableClient(_processing.NamePrefix + TableNames.Deployment);
        var rows = new Dictionary<string, long>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>(row => row.PartitionKey == partition))
        {
            if (row.RowKey.StartsWith(prefix, StringComparison.Ordinal))
            {
                rows[row.RowKey] = row.TryGetValue("Volunteers", out var value) && value is not null ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : 0;
            }
        }

        return rows;
    }
}
