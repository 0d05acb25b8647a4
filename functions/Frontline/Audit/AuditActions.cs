using Frontline.Http;

namespace Frontline.Audit;

/// <summary>
/// Every action the trail can hold: the routes that declare an <see cref="AuditedAction"/>. The library's root hands
/// over its route table (a feature does not reach back into the root), so the filter's choices and its validation
/// follow the declarations.
/// </summary>
public sealed class AuditActions(IEnumerable<RouteDeclaration> routes)
{
    public IReadOnlyList<AuditActionName> All { get; } = routes
        .Select(route => route.Audit).OfType<AuditedAction>()
        .DistinctBy(action => action.Code)
        .Select(action => new AuditActionName(action.Code, action.Description.Chinese, action.Description.English))
        .ToList();

    public bool IsKnown(string code) => All.Any(action => action.Code == code);

    public string ChineseName(string code) => All.FirstOrDefault(action => action.Code == code)?.Chinese ?? code;
}
