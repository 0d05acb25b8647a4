using Azure.Storage.Queues.Models;
using Frontline.Http;
using Frontline.Queues;
using Frontline.Storage;
using Frontline.Volunteers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Frontline.Functions;

public sealed class RegistrationFunctions(RegistrationEndpoints registrations, RegistrationProcessor processor, QueueFailures failures)
{
    [Function("SubmitRegistration")]
    public Task<IActionResult> Submit([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Registrations)] HttpRequest request, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => registrations.SubmitAsync(request, cancellationToken));

    [Function("GetRegistration")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Registration)] HttpRequest request, string registrationId, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => registrations.GetStatusAsync(request, registrationId, cancellationToken));

    [Function("WithdrawRegistration")]
    public Task<IActionResult> Withdraw(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.RegistrationWithdrawal)] HttpRequest request, string registrationId, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => registrations.WithdrawAsync(request, registrationId, cancellationToken));

    [Function("ProcessRegistration")]
    public Task Process([QueueTrigger(QueueNames.Registrations)] QueueMessage message, CancellationToken cancellationToken) =>
        failures.RunAsync(processor, message.MessageId, message.Body.ToString(), message.DequeueCount, cancellationToken);
}
