using Azure;
using Azure.Data.Tables;
using Frontline.Sites;
using Frontline.Tests.Infrastructure;

namespace Frontline.Tests.Sites;

/// <summary>
/// The catalog journal on Azurite, which refuses a string property over 64 KiB as Azure does: a second's commits whose
/// JSON would not fit one row are written as several, and every change is read back.
/// </summary>
public sealed class CatalogJournalTests : IAsyncLifetime
{
    private readonly FrontlineApp _app = new() { Settings = { ["Frontline:Triggers:Enabled"] = "false" } };

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task A_seconds_commits_too_long_for_one_row_are_written_as_several_and_all_read_back()
    {
        var journal = _app.Get<CatalogJournal>();
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        // 400 counter rows as a busy second leaves them: each with its ETag and a few counters, some 150 characters of JSON.
        var rows = Enumerable.Range(0, 400).Select(i => new TableEntity("directory", $"site|s-{i:D5}-jiangxinzhou-street")
        {
            [DeploymentRows.RevisionProperty] = 1000L + i,
            ["Assigned"] = i % 7,
            ["Volunteers"] = i,
            ["Waitlisted"] = 0,
            ETag = new ETag($"W/\"datetime'2026-12-06T06%3A03%3A53.{i:D7}Z'\""),
        }).ToList();

        journal.Record(rows);

        var read = await FrontlineApp.EventuallyAsync(() => journal.ReadSinceAsync(since, CancellationToken.None), changes => changes.Count >= rows.Count);
        Assert.Equal(rows.Select(row => row.RowKey).Order(StringComparer.Ordinal), read.Select(change => change.RowKey).Order(StringComparer.Ordinal));
        Assert.Equal(1399L, read.Single(change => change.RowKey == "site|s-00399-jiangxinzhou-street").Revision);
        Assert.DoesNotContain(_app.LogLines, line => line.Contains("could not be written to the catalog journal", StringComparison.Ordinal));
    }
}
