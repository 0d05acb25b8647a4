using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;

namespace Frontline.Host.Triggers;

/// <summary>
/// A shorter lease on received messages, for tests only (<c>Frontline:Queues:ReceiveLease</c>). The SDK's queue
/// listener receives with a fixed 10-minute lease, as on Azure, so a message that a killed host or a cut link left
/// unsettled reappears after 10 minutes; the fault tests shorten that wait by rewriting the receive's
/// <c>visibilitytimeout</c> on its way out. Nothing else about the SDK's behaviour changes.
/// </summary>
public sealed class ReceiveLeasePolicy(TimeSpan lease) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        if (request.Method == RequestMethod.Get && request.Uri.Path.EndsWith("/messages", StringComparison.Ordinal)
            && request.Uri.Query.Contains("visibilitytimeout=", StringComparison.Ordinal) && !request.Uri.Query.Contains("peekonly", StringComparison.Ordinal))
        {
            var seconds = Math.Max(1, (int)lease.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            request.Uri.Query = string.Join('&', request.Uri.Query.TrimStart('?').Split('&')
                .Select(pair => pair.StartsWith("visibilitytimeout=", StringComparison.Ordinal) ? "visibilitytimeout=" + seconds : pair));
        }
    }
}

/// <summary>Adds <see cref="ReceiveLeasePolicy"/> to the queue clients that the SDK creates through the Azure client factory.</summary>
public sealed class ReceiveLeaseComponentFactory(AzureComponentFactory inner, TimeSpan lease) : AzureComponentFactory
{
    public override TokenCredential CreateTokenCredential(Microsoft.Extensions.Configuration.IConfiguration configuration) => inner.CreateTokenCredential(configuration);

    public override object CreateClientOptions(Type optionsType, object? serviceVersion, Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        var options = inner.CreateClientOptions(optionsType, serviceVersion!, configuration);
        if (options is QueueClientOptions queueOptions)
        {
            queueOptions.AddPolicy(new ReceiveLeasePolicy(lease), HttpPipelinePosition.PerCall);
        }

        return options;
    }

    public override object CreateClient(Type clientType, Microsoft.Extensions.Configuration.IConfiguration configuration, TokenCredential credential, object clientOptions) =>
        inner.CreateClient(clientType, configuration, credential, clientOptions);
}
