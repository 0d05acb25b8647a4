using Frontline.Storage;
using Frontline.Teams;
using Frontline.Tests.Bulletins;
using Frontline.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Frontline.Tests.Teams;

/// <summary>
/// The public site list's duty phones on a clock the test moves, on Azurite: a phone entered on another host shows once
/// the cache is <see cref="DutyPhoneCache.MaxAge"/> old and not before; a store that cannot be read at first gives an
/// empty map (the list is served without phones) and is read again after <see cref="DutyPhoneCache.RetryAfter"/>; a
/// failed refresh keeps the phones last read.
/// </summary>
public sealed class DutyPhoneCacheTests : IAsyncLifetime
{
    private readonly FrontlineApp _app = new() { Settings = { ["Frontline:Triggers:Enabled"] = "false" } };

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Phones_are_read_again_after_max_age_a_first_failure_is_retried_and_a_failed_refresh_keeps_the_last_phones()
    {
        // Tables of their own, not yet created: the first read fails as a store that is not there yet would.
        var storage = new FrontlineStorage(_app.Get<IConfiguration>(), Options.Create(new StorageOptions { NamePrefix = "p" + Guid.NewGuid().ToString("N")[..10] }), _app.Get<StorageMeter>());
        var store = new TeamStore(storage);
        var time = new MovableTime(new DateTimeOffset(2022, 9, 16, 0, 0, 0, TimeSpan.Zero));
        var cache = new DutyPhoneCache(store, time);

        var none = await cache.GetAsync(CancellationToken.None);
        Assert.Empty(none);

        await storage.EnsureCreatedAsync(CancellationToken.None);
        await store.SetDutyPhoneAsync("s-yusha", "028-8662 0001", "office", time.Now, CancellationToken.None);
        time.Now += DutyPhoneCache.RetryAfter - TimeSpan.FromSeconds(1);
        Assert.Same(none, await cache.GetAsync(CancellationToken.None));
        time.Now += TimeSpan.FromSeconds(1);
        var first = await cache.GetAsync(CancellationToken.None);
        Assert.Equal("028-8662 0001", first["s-yusha"]);

        // Entered on another host: this one does not hear of it, and shows it once its phones are MaxAge old.
        await store.SetDutyPhoneAsync("s-yusha", "028-8662 0002", "office", time.Now, CancellationToken.None);
        time.Now += DutyPhoneCache.MaxAge - TimeSpan.FromSeconds(1);
        Assert.Same(first, await cache.GetAsync(CancellationToken.None));
        time.Now += TimeSpan.FromSeconds(1);
        var second = await cache.GetAsync(CancellationToken.None);
        Assert.Equal("028-8662 0002", second["s-yusha"]);

        // The store goes away: the next refresh fails and the phones last read are served, not an empty list.
        await storage.Table(TableNames.Teams).DeleteAsync();
        time.Now += DutyPhoneCache.MaxAge;
        Assert.Equal("028-8662 0002", (await cache.GetAsync(CancellationToken.None))["s-yusha"]);
    }
}
