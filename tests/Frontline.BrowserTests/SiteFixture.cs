using System.Net;
using System.Net.Sockets;
using Frontline.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Frontline.BrowserTests;

/// <summary>
/// The local host on a real port (Kestrel), seeded, serving the built site, and Debian's Chromium driven by
/// Playwright: no browser download, no network beyond loopback.
/// </summary>
public class SiteFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public static string RepoRootPath { get; } = RepoRoot();

    public SiteFixture()
    {
        App = CreateApp();
    }

    public FrontlineApp App { get; }

    public Uri BaseAddress { get; private set; } = null!;

    public IPlaywright Playwright { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var root = RepoRoot();
        var port = FreePort();
        App.Settings["Frontline:SeedDemoData"] = "true";
        App.Settings["Frontline:SeedsPath"] = Path.Combine(root, "seeds");
        App.Settings["Frontline:WebRoot"] = Path.Combine(root, "web", "dist");
        Configure(App);
        App.UseKestrel(port);
        await App.InitializeAsync();
        App.StartServer();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");

        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>The host of a derived fixture that replaces services (its field initializers have run by then).</summary>
    protected virtual FrontlineApp CreateApp() => new();

    /// <summary>Settings of a derived fixture, applied before the host starts.</summary>
    protected virtual void Configure(FrontlineApp app)
    {
    }

    /// <summary>The unit portal, signed in as a reporter of the unit with the development sign-in.</summary>
    public async Task<IPage> ReporterPageAsync(string unitId, string name, int width = 390)
    {
        var page = await NewPageAsync(width: width);
        await page.GotoAsync("/portal.html");
        await Assertions.Expect(page.Locator($"#dev-unit option[value={unitId}]")).ToHaveCountAsync(1);
        await page.GetByLabel("派出单位").SelectOptionAsync(unitId);
        await page.GetByLabel("姓名（选填）").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=who]")).ToHaveTextAsync($"已登录：{name}");
        return page;
    }

    public async Task<IPage> NewPageAsync(string locale = "zh-CN", int width = 390, int height = 844)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            Locale = locale,
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await App.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Serverless.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("Serverless.sln not found above the test output.");
    }
}
