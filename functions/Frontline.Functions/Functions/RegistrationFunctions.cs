using Azure.Storage.Queues.Models;
using Frontline.Http;
using Frontline.Queues;
using Frontline.Storage;
using Frontline.Volunteers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Frontline.Functions;

public sealed class RegistrationFunctions(RouteInvoker api, RegistrationProcessor processor, QueueFailures failures)
{
    [Function("SubmitRegistration")]
    public Task<IActionResult> Submit([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Registrations)] HttpRequest request, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(RegistrationRoutes.SubmitRegistration, request, cancellationToken));

    [Function("GetRegistration")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Registration)] HttpRequest request, string registrationId, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(RegistrationRoutes.GetRegistration, request, cancellationToken, registrationId));

    [Function("WithdrawRegistration")]
    public Task<IActionResult> Withdraw(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.RegistrationWithdrawal)] HttpRequest request, string registrationId, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(RegistrationRoutes.WithdrawRegistration, request, cancellationToken, registrationId));

    [Function("ProcessRegistration")]
    public Task Process([QueueTrigger(QueueNames.Registrations)] QueueMessage message, CancellationToken cancellationToken) =>
        failures.RunAsync(processor, message.MessageId, message.Body.ToString(), message.DequeueCount, cancellationToken);
}
