using Azure.Storage.Queues.Models;
using Frontline.Exports;
using Frontline.Http;
using Frontline.Queues;
using Frontline.Reminders;
using Frontline.Storage;
using Frontline.Volunteers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Frontline.Functions;

/// <summary>The coordinator console's routes: the volunteer list and reassignment, reminders, poison queues, exports.</summary>
public sealed class CoordinationFunctions(
    RouteInvoker api,
    ReminderProcessor reminderProcessor,
    QueueFailures failures)
{
    [Function("ListVolunteers")]
    public Task<IActionResult> ListVolunteers([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Volunteers)] HttpRequest request, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(VolunteerRoutes.ListVolunteers, request, cancellationToken));

    [Function("ListUnitVolunteers")]
    public Task<IActionResult> ListUnitVolunteers([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.UnitVolunteers)] HttpRequest request, string unitId, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(VolunteerRoutes.ListUnitVolunteers, request, cancellationToken, unitId));

    [Function("ReassignVolunteer")]
    public Task<IActionResult> Reassign(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.VolunteerReassignment)] HttpRequest request, string volunteerId, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(VolunteerRoutes.ReassignVolunteer, request, cancellationToken, volunteerId));

    [Function("SendReminders")]
    public Task<IActionResult> SendReminders([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Reminders)] HttpRequest request, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(ReminderRoutes.SendReminders, request, cancellationToken));

    [Function("ReminderOutbox")]
    public Task<IActionResult> Outbox([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.ReminderOutbox)] HttpRequest request, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(ReminderRoutes.ReminderOutbox, request, cancellationToken));

    [Function("ProcessReminder")]
    public Task ProcessReminder([QueueTrigger(QueueNames.Reminders)] QueueMessage message, CancellationToken cancellationToken) =>
        failures.RunAsync(reminderProcessor, message.MessageId, message.Body.ToString(), message.DequeueCount, cancellationToken);

    [Function("PoisonQueues")]
    public Task<IActionResult> PoisonQueues([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.PoisonQueues)] HttpRequest request, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(PoisonQueueRoutes.PoisonQueues, request, cancellationToken));

    [Function("ReplayPoisonMessage")]
    public Task<IActionResult> Replay(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.PoisonReplay)] HttpRequest request, string queue, string messageId, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(PoisonQueueRoutes.ReplayPoisonMessage, request, cancellationToken, queue, messageId));

    [Function("ExportVolunteersCsv")]
    public Task<IActionResult> VolunteersCsv([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.ExportVolunteersCsv)] HttpRequest request, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(ExportRoutes.VolunteersCsv, request, cancellationToken));

    [Function("ExportVolunteersXlsx")]
    public Task<IActionResult> VolunteersXlsx([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.ExportVolunteersXlsx)] HttpRequest request, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(ExportRoutes.VolunteersXlsx, request, cancellationToken));

    [Function("ExportCountsCsv")]
    public Task<IActionResult> CountsCsv([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.ExportCountsCsv)] HttpRequest request, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(ExportRoutes.CountsCsv, request, cancellationToken));

    [Function("ExportCountsXlsx")]
    public Task<IActionResult> CountsXlsx([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.ExportCountsXlsx)] HttpRequest request, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(ExportRoutes.CountsXlsx, request, cancellationToken));

    [Function("ExportCompletenessCsv")]
    public Task<IActionResult> CompletenessCsv([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.ExportCompletenessCsv)] HttpRequest request, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(ExportRoutes.CompletenessCsv, request, cancellationToken));

    [Function("ExportCompletenessXlsx")]
    public Task<IActionResult> CompletenessXlsx([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.ExportCompletenessXlsx)] HttpRequest request, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(ExportRoutes.CompletenessXlsx, request, cancellationToken));
}
