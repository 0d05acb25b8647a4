using System.Diagnostics;
using Frontline.Hosting;
using Frontline.Tests.Infrastructure;

namespace Frontline.Tests.Foundation;

/// <summary>
/// A host that cannot start says why on standard error and exits non-zero. The Functions host shows nothing of a
/// worker that exits with 0 (it takes that for a planned stop) and restarts it in silence; with a non-zero code it
/// logs the worker's standard error as the reason. The worker is the compiled Frontline.Functions, started as the
/// Functions host starts it; it is given a host endpoint where nothing listens, which it would reach only after
/// the settings pass.
/// </summary>
public sealed class StartupFailureTests
{
    private const string GoodKey = "ZGV2LW9ubHkgcGVyc29uYWwgZGF0YSBrZXkgMzIgYiE=";

    [Theory]
    [InlineData("Frontline:PersonalDataKey", "not-a-key", "Frontline:PersonalDataKey must be base64 of 32 bytes")]
    [InlineData("Frontline:PhoneHashKey", "", "Frontline:PhoneHashKey")]
    [InlineData("Frontline:PhoneHashKey", "c2hvcnQ=", "Frontline:PhoneHashKey must be base64 of 32 bytes")]
    [InlineData("Frontline:TimeZone", "Mars/Olympus_Mons", "Frontline:TimeZone is not a known time zone id")]
    [InlineData("Frontline:Storage:NamePrefix", "Bad-Prefix", "Frontline:Storage:NamePrefix must be empty or up to 16")]
    [InlineData("Frontline:Storage:NamePrefix", "fn", "Frontline:Storage:NamePrefix must be empty under the Functions host")]
    [InlineData("Frontline:Bulletins:Cadence", "hourly", "Cadence must be daily or weekly")]
    public async Task The_functions_worker_with_a_bad_setting_exits_non_zero_and_names_it_on_standard_error(string setting, string value, string reason)
    {
        if (FunctionsMetadataTests.BuiltFile("Frontline.Functions.dll") is not { } worker)
        {
            return;
        }

        var settings = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["BulletinSchedule"] = "0 30 0 * * *",
            ["Frontline:PersonalDataKey"] = GoodKey,
            ["Frontline:PhoneHashKey"] = GoodKey,
            // Where the Functions host would be; nothing listens, and the worker must fail before it tries.
            ["Functions:Worker:HostEndpoint"] = "http://127.0.0.1:1/",
            ["Functions:Worker:WorkerId"] = "startup-test",
            ["Functions:Worker:RequestId"] = "startup-test",
            ["Functions:Worker:GrpcMaxMessageLength"] = "2147483647",
            [setting] = value,
        };

        var (exitCode, output, error) = await RunAsync(worker, settings, TimeSpan.FromMinutes(2));

        Assert.Equal(FrontlineProcess.StartupFailedExitCode, exitCode);
        Assert.Contains("Frontline failed to start", error, StringComparison.Ordinal);
        // The Functions host treats a line of standard error as an error, and puts it in the worker's exit reason,
        // only when it says "fail" or "error": every line must.
        Assert.All(error.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.Contains("fail", line, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(reason, error, StringComparison.Ordinal);
        // The reason is on standard error, and the worker never got as far as the host endpoint.
        Assert.DoesNotContain("Connection refused", error, StringComparison.Ordinal);
        // A key's value is never echoed, good or bad.
        Assert.DoesNotContain(GoodKey, output + error, StringComparison.Ordinal);
        if (value.Length > 0)
        {
            Assert.DoesNotContain(value, error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_local_host_exits_non_zero_when_storage_refuses_its_credentials()
    {
        var azurite = await SharedAzurite.GetAsync();
        // Azurite's own account and endpoints with a key it does not hold: every request is refused with 403.
        var wrongKey = azurite.ConnectionString.Split(';')
            .Select(part => part.StartsWith("AccountKey=", StringComparison.Ordinal) ? "AccountKey=" + Convert.ToBase64String(new byte[64]) : part);
        await using var host = HostProcess.Start(azurite, "refused", new Dictionary<string, string> { ["AzureWebJobsStorage"] = string.Join(';', wrongKey) });

        Assert.Equal(FrontlineProcess.StartupFailedExitCode, await host.ExitCodeAsync(TimeSpan.FromMinutes(2)));
        Assert.True(host.Output.Any(line => line.StartsWith("Frontline failed to start: RequestFailedException", StringComparison.Ordinal) && line.Contains("403", StringComparison.Ordinal)),
            string.Join('\n', host.Output));
    }

    [Fact]
    public async Task The_local_host_exits_non_zero_when_storage_does_not_answer_within_the_startup_timeout()
    {
        var azurite = await SharedAzurite.GetAsync();
        var unreachable = azurite.ConnectionString.Split(';')
            .Select(part => part.Contains("Endpoint=", StringComparison.Ordinal) ? part.Split('=')[0] + "=http://127.0.0.1:1/devstoreaccount1" : part);
        await using var host = HostProcess.Start(azurite, "unreachable", new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = string.Join(';', unreachable),
            ["Frontline:Storage:StartupTimeout"] = "00:00:03",
        });

        Assert.Equal(FrontlineProcess.StartupFailedExitCode, await host.ExitCodeAsync(TimeSpan.FromMinutes(3)));
        Assert.Contains(host.Output, line => line.Contains("Storage did not answer within 00:00:03 (Frontline:Storage:StartupTimeout)", StringComparison.Ordinal));
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string worker, IReadOnlyDictionary<string, string> settings, TimeSpan limit)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(worker)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(worker);
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
