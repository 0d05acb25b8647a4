using System.Collections.Concurrent;
using Azure;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Frontline.Storage;

/// <summary>The application's tables and queues, named once, created on start.</summary>
public sealed class FrontlineStorage
{
    private readonly TableServiceClient _tables;
    private readonly QueueServiceClient _queues;
    private readonly string _prefix;
    // The clients are thread-safe and meant to be reused; building one per call parses its URI and settings each time.
    private readonly ConcurrentDictionary<string, TableClient> _tableClients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, QueueClient> _queueClients = new(StringComparer.Ordinal);

    public FrontlineStorage(IConfiguration configuration, IOptions<StorageOptions> options, StorageMeter meter)
    {
        _prefix = options.Value.NamePrefix;
        // Functions reads queue messages as base64 by default; the local host and every sender do the same.
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        queueOptions.Retry.MaxRetries = 2;
        queueOptions.Retry.NetworkTimeout = TimeSpan.FromSeconds(20);
        var tableOptions = new TableClientOptions();
        tableOptions.Retry.MaxRetries = 2;
        tableOptions.Retry.NetworkTimeout = TimeSpan.FromSeconds(20);
        if (options.Value.Meter)
        {
            // Per retry: Azure counts every attempt against its targets.
            tableOptions.AddPolicy(new StorageMeterPolicy(meter, queues: false), HttpPipelinePosition.PerRetry);
            queueOptions.AddPolicy(new StorageMeterPolicy(meter, queues: true), HttpPipelinePosition.PerRetry);
        }

        var connectionString = configuration[StorageOptions.ConnectionName];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            _tables = new TableServiceClient(connectionString, tableOptions);
            _queues = new QueueServiceClient(connectionString, queueOptions);
            return;
        }

        var section = configuration.GetSection(StorageOptions.ConnectionName);
        var accountName = section["accountName"];
        var tableUri = section["tableServiceUri"] ?? (accountName is null ? null : $"https://{accountName}.table.core.windows.net");
        var queueUri = section["queueServiceUri"] ?? (accountName is null ? null : $"https://{accountName}.queue.core.windows.net");
        if (tableUri is null || queueUri is null)
        {
            throw new OptionsValidationException(StorageOptions.ConnectionName, typeof(StorageOptions),
                [$"Set {StorageOptions.ConnectionName} to a connection string, or {StorageOptions.ConnectionName}__accountName (or __tableServiceUri and __queueServiceUri) for an identity-based connection."]);
        }

        TokenCredential credential = section["clientId"] is { Length: > 0 } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential();
        _tables = new TableServiceClient(new Uri(tableUri), credential, tableOptions);
        _queues = new QueueServiceClient(new Uri(queueUri), credential, queueOptions);
    }

    public TableClient Table(string name) => _tableClients.GetOrAdd(name, static (name, self) => self._tables.GetTableClient(self._prefix + name), this);

    public QueueClient Queue(string name) => _queueClients.GetOrAdd(name, static (name, self) => self._queues.GetQueueClient(self.QueueName(name)), this);

    public string QueueName(string name) => _prefix.Length == 0 ? name : $"{_prefix}-{name}";

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        foreach (var table in TableNames.All)
        {
            await Table(table).CreateIfNotExistsAsync(cancellationToken);
        }

        foreach (var queue in QueueNames.All)
        {
            await Queue(queue).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await Queue(QueueNames.Poison(queue)).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
    }

    /// <summary>True when both services answer; used by the health check.</summary>
    public async Task<bool> IsAvailableAsync(CancellationToken cancellationToken)
    {
        try
        {
            var probe = Table(TableNames.Deployment).QueryAsync<TableEntity>(e => e.PartitionKey == "health", maxPerPage: 1, cancellationToken: cancellationToken);
            await foreach (var _ in probe.AsPages().WithCancellation(cancellationToken))
            {
                break;
            }

            await Queue(QueueNames.Registrations).GetPropertiesAsync(cancellationToken);
            return true;
        }
        catch (Exception exception) when (StorageFaults.IsOutage(exception))
        {
            return false;
        }
    }
}

/// <summary>Tells a storage outage (try again later: 503) from a bug (500).</summary>
public static class StorageFaults
{
    public static bool IsOutage(Exception exception) => exception switch
    {
        RequestFailedException { Status: 0 or 408 or 429 or >= 500 } => true,
        RequestFailedException { Status: 404, ErrorCode: "TableNotFound" or "QueueNotFound" } => true,
        AuthenticationFailedException => true,
        HttpRequestException or TimeoutException or TaskCanceledException => true,
        // A connection reset in the middle of a retry can surface bare, not wrapped in an HttpRequestException.
        IOException or System.Net.Sockets.SocketException => true,
        AggregateException aggregate => aggregate.InnerExceptions.All(IsOutage),
        _ => exception.InnerException is { } inner && IsOutage(inner),
    };
}
