using System.Net.Http.Headers;
using System.Text.Json;
using Frontline.Tests.Infrastructure;

namespace Frontline.Tests.Hostile;

/// <summary>
/// The bad-input suite: every row of <see cref="HostileRows"/> is one hostile request to a real route. Each must be
/// refused with its 4xx status as RFC 9457 problem+json (type, title, status, and the field named in errors,
/// detail or title), never a 5xx, and leave every table and queue exactly as it was.
/// </summary>
public sealed class HostileRequestTests(HostileApp app) : IClassFixture<HostileApp>
{
    public static TheoryData<string, string> Rows()
    {
        var data = new TheoryData<string, string>();
        foreach (var (group, rows) in HostileRows.Groups)
        {
            foreach (var row in rows)
            {
                data.Add(group, row.Name);
            }
        }

        return data;
    }

    [Fact]
    public void There_are_at_least_300_rows_with_unique_names_in_each_group()
    {
        Assert.True(HostileRows.Groups.Sum(group => group.Value.Length) >= 300);
        foreach (var (group, rows) in HostileRows.Groups)
        {
            Assert.True(rows.Select(row => row.Name).Distinct(StringComparer.Ordinal).Count() == rows.Length, $"{group} has two rows with one name");
        }
    }

    [Fact]
    public async Task The_snapshot_sees_a_delayed_queue_message_and_a_changed_row()
    {
        await using var scratch = new FrontlineApp();
        await scratch.InitializeAsync();
        var before = await StorageSnapshot.TakeAsync(scratch.Storage);

        await scratch.Storage.Queue(Frontline.Storage.QueueNames.DailyCounts).SendMessageAsync("e30=", TimeSpan.FromMinutes(5));

        Assert.NotEqual(before, await StorageSnapshot.TakeAsync(scratch.Storage));
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task A_hostile_request_gets_its_4xx_problem_and_changes_nothing(string group, string name)
    {
        var row = HostileRows.Groups[group].Single(candidate => candidate.Name == name);
        var before = await StorageSnapshot.TakeAsync(app.Storage);
        using var client = app.CreateClient();
        using var request = row.Build(app);

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.True((int)response.StatusCode == row.Status, $"{row.Name}: expected {row.Status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(text);
        var root = problem.RootElement;
        Assert.True(root.TryGetProperty("type", out var type) && type.GetString() is { Length: > 0 }, $"no type: {text}");
        Assert.True(root.TryGetProperty("title", out var title) && title.GetString() is { Length: > 0 }, $"no title: {text}");
        Assert.Equal(row.Status, root.GetProperty("status").GetInt32());
        if (row.Field is { } field)
        {
            Assert.True(Names(root, field), $"{row.Name}: the problem does not name '{field}': {text}");
        }

        if (row.Status == 405)
        {
            Assert.NotEmpty(response.Content.Headers.Allow);
        }

        Assert.Equal(before, await StorageSnapshot.TakeAsync(app.Storage));
    }

    private static bool Names(JsonElement problem, string field) =>
        (problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object
            && errors.EnumerateObject().Any(error => error.Name == field || error.Name.EndsWith("." + field, StringComparison.Ordinal)))
        || (problem.TryGetProperty("detail", out var detail) && detail.GetString()?.Contains(field, StringComparison.OrdinalIgnoreCase) == true)
        // A 404 names what it did not find in its title ("No such volunteer."); the catch-all's "No such API route." names neither.
        || (problem.TryGetProperty("title", out var title) && title.GetString()?.Contains(field, StringComparison.OrdinalIgnoreCase) == true);
}
