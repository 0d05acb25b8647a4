using Frontline.Applications;
using Frontline.Audit;
using Frontline.Bulletins;
using Frontline.Bulletins.Contributions;
using Frontline.DailyCounts;
using Frontline.Exports;
using Frontline.Http;
using Frontline.Indicators;
using Frontline.Queues;
using Frontline.Reminders;
using Frontline.Scheduling;
using Frontline.Security;
using Frontline.Seeding;
using Frontline.Sites;
using Frontline.Stats;
using Frontline.Storage;
using Frontline.Telemetry;
using Frontline.Volunteers;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Frontline;

public static class FrontlineServiceCollectionExtensions
{
    /// <summary>Registers the whole application; each host adds only its own triggers.</summary>
    public static IServiceCollection AddFrontline(this IServiceCollection services, IConfiguration configuration)
    {
        // Token validation logs several Information lines per request; at that rate they cost more than they tell.
        services.AddLogging(logging => logging.AddFilter("Microsoft.IdentityModel", LogLevel.Warning));
        services.AddOptions<FrontlineOptions>()
            .Bind(configuration.GetSection(FrontlineOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(options => TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out _), "Frontline:TimeZone is not a known time zone id (try Asia/Shanghai).")
            .Validate(options => IsKey(options.PersonalDataKey), "Frontline:PersonalDataKey must be base64 of 32 bytes.")
            .Validate(options => IsKey(options.PhoneHashKey), "Frontline:PhoneHashKey must be base64 of 32 bytes.")
            .ValidateOnStart();
        services.AddOptions<BulletinOptions>()
            .Configure(options => BindSeries(configuration.GetSection(BulletinOptions.SectionName), options))
            .ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<BulletinOptions>, BulletinOptionsValidation>();
        services.AddOptions<NotificationOptions>()
            .Bind(configuration.GetSection(NotificationOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate<IServiceProvider>(
                (options, provider) => provider.GetKeyedService<INotificationSender>(options.Sender) is not null,
                "Frontline:Notifications:Sender names no registered notification sender (the default is 'outbox').")
            .ValidateOnStart();
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddProblemDetails();
        // ASP.NET Core answers JSON with the relaxed encoder, which writes <, > and & as they are. Unit and volunteer text
        // goes into answers, so escape what HTML cares about (\u003C…) and keep Chinese readable. Both hosts write
        // answers through these options.
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All));
        services.AddFrontlineSignIn(configuration);
        services.AddFrontlineApplications(configuration);
        services.AddFrontlineIndicators();

        services.TryAddSingleton<StorageMeter>();
        services.AddSingleton<FrontlineStorage>();
        services.AddSingleton<QueueSender>();
        services.AddFrontlineTelemetry();
        services.AddSingleton<PersonalData>();
        services.AddSingleton<CatalogCache>();
        services.AddSingleton<CatalogJournal>();
        services.AddSingleton<CatalogStore>();
        services.AddSingleton<Areas.AreaStore>();
        services.AddSingleton<Batches.BatchStore>();
        services.AddSingleton<Batches.BatchPeopleCache>();
        services.AddSingleton<Volunteers.IUncountedStaff>(provider => provider.GetRequiredService<Batches.BatchPeopleCache>());
        services.AddSingleton<Volunteers.IVolunteerPlaced, Batches.ListedRegistrations>();
        services.AddSingleton<Shifts.ShiftStore>();
        services.AddSingleton<Shifts.UpcomingShifts>();
        services.AddSingleton<Teams.TeamStore>();
        services.AddSingleton<Teams.DutyPhoneCache>();
        services.AddSingleton<Teams.TeamPlaces>();
        services.AddSingleton<WriterSlot>();
        services.AddSingleton<DeploymentLedger>();
        services.AddSingleton<DeploymentMarkers>();
        services.AddSingleton<VolunteerStore>();
        services.AddSingleton<VolunteerDirectory>();
        services.AddSingleton<QueueFailures>();
        services.AddSingleton<OutboxNotificationSender>();
        services.AddKeyedSingleton<INotificationSender>(OutboxNotificationSender.Name, (provider, _) => provider.GetRequiredService<OutboxNotificationSender>());
        services.AddSingleton(provider => provider.GetRequiredKeyedService<INotificationSender>(
            provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<NotificationOptions>>().Value.Sender));
        services.AddSingleton<RollUpStore>();
        services.AddSingleton<DailyCountStore>();
        services.AddSingleton<DailyCountRecorder>();
        services.AddSingleton<CompletenessService>();
        services.AddSingleton<CountSubmitter>();
        services.AddSingleton<RouteInvoker>();
        services.AddSingleton<ClientAddress>();
        services.AddSingleton<AuditStore>();
        services.AddSingleton<IAuditTrail>(provider => provider.GetRequiredService<AuditStore>());
        services.AddSingleton(new AuditActions(RouteTable.All));
        services.AddSingleton<AuditEndpoints>();
        services.AddSingleton<Frontline.OpenApi.ApiDocument>();
        services.AddSingleton<CountBatchEndpoints>();
        services.AddSingleton<CountTemplateEndpoints>();
        services.AddSingleton<BulletinStore>();
        services.AddSingleton<BulletinService>();
        services.AddSingleton<BulletinHealth>();
        services.AddSingleton<HealthDetailEndpoints>();
        services.AddSingleton<ArrivalLog>();
        services.AddSingleton<ContributionStore>();
        services.AddSingleton<ContributionEndpoints>();
        services.AddSingleton<BulletinDraftEndpoints>();
        services.AddSingleton<IScheduledOperation>(provider => provider.GetRequiredService<BulletinService>());
        services.AddSingleton<RegistrationRateLimiter>();
        services.AddSingleton<DemoSeeder>();
        services.AddSingleton<Seeding.SeedFile>();
        services.AddSingleton<Batches.BatchSeeder>();
        services.AddSingleton<Shifts.ShiftPatternSeeder>();
        services.AddSingleton<Seeding.TeamSeeder>();

        services.AddSingleton<StatsEndpoints>();
        services.AddSingleton<AreaFiguresEndpoints>();
        services.AddSingleton<SitesEndpoints>();
        services.AddSingleton<Areas.AreaEndpoints>();
        services.AddSingleton<Batches.BatchEndpoints>();
        services.AddSingleton<Shifts.ShiftEndpoints>();
        services.AddSingleton<Teams.TeamEndpoints>();
        services.AddSingleton<RegistrationEndpoints>();
        services.AddSingleton<DailyCountEndpoints>();
        services.AddSingleton<BulletinEndpoints>();
        services.AddSingleton<DevTokenEndpoints>();
        services.AddSingleton<VolunteerAdminEndpoints>();
        services.AddSingleton<UnitVolunteerEndpoints>();
        services.AddSingleton<ReminderEndpoints>();
        services.AddSingleton<PoisonQueueEndpoints>();
        services.AddSingleton<ExportEndpoints>();

        services.AddSingleton<RegistrationProcessor>();
        services.AddSingleton<IQueueHandler>(provider => provider.GetRequiredService<RegistrationProcessor>());
        services.AddSingleton<DailyCountProcessor>();
        services.AddSingleton<IQueueHandler>(provider => provider.GetRequiredService<DailyCountProcessor>());
        services.AddSingleton<ReminderProcessor>();
        services.AddSingleton<IQueueHandler>(provider => provider.GetRequiredService<ReminderProcessor>());

        // In this order once storage answers: the directory's back-fill, the default indicators (a store of round one has
        // none, and submissions are validated against them while the migration runs), round one's counts rewritten by
        // indicator code (a long pass on a big store, so after what submissions need), then the demo data.
        services.AddSingleton<IStorageStartupTask, VolunteerDirectoryBackfill>();
        services.AddIndicatorSeeding();
        services.AddSingleton<CountValuesMigration>();
        services.AddSingleton<IStorageStartupTask>(provider => provider.GetRequiredService<CountValuesMigration>());
        services.AddSingleton<IStorageStartupTask, DemoSeedTask>();
        services.AddSingleton<StorageStartup>();
        services.AddSingleton<IHostedService>(provider => provider.GetRequiredService<StorageStartup>());
        return services;
    }

    /// <summary>
    /// Series are a list (<c>Frontline:Bulletins:Series:0:…</c>); a deployment that sets one series' properties directly
    /// under <c>Frontline:Bulletins</c> (as the first release did, and as app settings are simplest to write) has that one.
    /// </summary>
    private static void BindSeries(IConfigurationSection section, BulletinOptions options)
    {
        var list = section.GetSection(nameof(BulletinOptions.Series));
        if (list.GetChildren().Any())
        {
            list.Bind(options.Series);
            return;
        }

        var single = new BulletinSeriesOptions();
        section.Bind(single);
        options.Series.Add(single);
    }

    private static bool IsKey(string value)
    {
        Span<byte> buffer = stackalloc byte[48];
        return Convert.TryFromBase64String(value, buffer, out var written) && written == 32;
    }
}
