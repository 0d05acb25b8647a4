using System.Net.Http.Json;
using System.Text.Json;
using Frontline.Audit;
using Frontline.Tests.Infrastructure;

namespace Frontline.Tests.Operability;

/// <summary>For the feature tests that check their sensitive action left its record: the day's records of one action, as an Admin reads them.</summary>
internal static class AuditTrail
{
    public static async Task<IReadOnlyList<AuditRecord>> ReadAsync(FrontlineApp app, string action)
    {
        using var admin = app.CreateClient(await app.TokenAsync(["Admin"]));
        var page = await admin.GetFromJsonAsync<AuditPage>($"/api/audit?action={action}", JsonSerializerOptions.Web);
        return page!.Records;
    }
}
