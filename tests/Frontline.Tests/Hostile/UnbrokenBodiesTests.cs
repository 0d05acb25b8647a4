using System.Net;
using System.Text;

namespace Frontline.Tests.Hostile;

/// <summary>
/// The control for the bad-input suite: each hostile row breaks one thing in a body that, unbroken, is accepted. If
/// these were refused, the rows would prove nothing.
/// </summary>
public sealed class UnbrokenBodiesTests(HostileApp app) : IClassFixture<HostileApp>
{
    public static TheoryData<string> Bodies() => ["registration", "counts", "batch CSV", "units CSV", "sites CSV", "dev token", "indicator", "indicator rules"];

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task The_body_the_rows_break_is_accepted_whole(string body)
    {
        var row = body switch
        {
            "registration" => new Hostile(body, "POST", "/api/registrations", 202).Json(HostileRows.Obj(HostileRows.Registration)),
            "counts" => new Hostile(body, "PUT", "/api/sites/site-1/counts/{today}", 200).As("reporterA").Json(HostileRows.Obj(HostileRows.Counts)),
            "batch CSV" => new Hostile(body, "POST", "/api/units/unit-a/counts/{today}", 200).As("reporterA").Csv(HostileRows.CsvRow("highlight", "今日平稳")),
            "units CSV" => new Hostile(body, "POST", "/api/units/import", 200).As("coordinator").Csv(HostileRows.UnitCsv("name", "新单位")),
            "sites CSV" => new Hostile(body, "POST", "/api/sites/import", 200).As("coordinator").Csv(HostileRows.SiteCsv("name", "新点位")),
            "indicator" => new Hostile(body, "PUT", "/api/indicators/people-turned-back", 201).As("admin").Json(HostileRows.Obj(HostileRows.Indicator)),
            "indicator rules" => new Hostile(body, "PUT", "/api/indicator-rules", 200).As("admin")
                .Json("""{"rules":[{"kind":"at-most","code":"party-members","atMost":"on-duty"},{"kind":"at-most-assigned","code":"on-duty","margin":5}]}"""),
            _ => new Hostile(body, "POST", "/api/dev/token", 200).Json("""{"roles":["Reporter"],"unitId":"unit-a","name":"张三"}"""),
        };
        using var client = app.CreateClient();
        using var request = row.Build(app);

        using var response = await client.SendAsync(request);

        Assert.True(response.StatusCode == (HttpStatusCode)row.Status, $"{body}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
