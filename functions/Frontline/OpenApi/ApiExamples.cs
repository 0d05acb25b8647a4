using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;

namespace Frontline.OpenApi;

/// <summary>
/// Examples for the document's fields, by JSON property name, drawn from the demo data: where a field holds Chinese
/// text the example is Chinese, so a reader of the reference sees what a unit actually sends.
/// </summary>
internal static class ApiExamples
{
    private static readonly Dictionary<string, JsonNode> ByProperty = new(StringComparer.Ordinal)
    {
        ["name"] = "张伟",
        ["unitName"] = "南京市医疗保障局",
        ["siteName"] = "玉林社区核酸采样点",
        ["community"] = "玉林社区",
        ["homeCommunity"] = "玉林社区",
        ["district"] = "武侯区",
        ["street"] = "玉林街道",
        ["address"] = "玉林北路 2 号",
        ["office"] = "四川省地方志工作办公室",
        ["title"] = "四川省地方志办政工简讯",
        ["shortName"] = "政工简讯",
        ["headline"] = "省地方志办 36 名干部下沉社区一线",
        ["lead"] = "截至 12 月 15 日，我办累计下沉干部 36 人，服务社区 4 个。",
        ["highlight"] = "协助完成 3 个小区全员核酸采样",
        ["quote"] = "哪里需要就到哪里。",
        ["quoteBy"] = "下沉干部 李娜",
        ["text"] = "第 97 期第二段“36 人”应为“38 人”。",
        ["closing"] = "（省地方志办机关党委供稿）",
        ["role"] = "志愿者",
        ["message"] = "南京市医疗保障局：12 月 15 日尚有 2 个点位未报送数字，请于今日 18 时前报送。",
        ["siteId"] = "yulin-caiyang",
        ["unitId"] = "nj-yibao",
        // Fictional like the demo's: an office line, with an extension after 转.
        ["dutyPhone"] = "028-0000 0100转8001",
        // A batch person's id: b-{unitId}-{batchId}-{n}.
        ["personId"] = "b-nj-fangchan-20220317-k3m9q2xv-1",
        ["day"] = "2022-12-15",
        ["onDuty"] = 12,
        ["partyMembers"] = 9,
        ["tested"] = 1860,
        ["peopleChecked"] = 420,
        ["vehiclesChecked"] = 35,
        ["suppliesDelivered"] = 140,
        ["householdsVisited"] = 260,
    };

    public static JsonNode Add(JsonSchemaExporterContext context, JsonNode schema)
    {
        // The exporter says "integer" for every whole number; the width tells a client generator which type to use.
        if (schema is JsonObject number && Is(number, "integer") && !number.ContainsKey("format"))
        {
            var type = Nullable.GetUnderlyingType(context.TypeInfo.Type) ?? context.TypeInfo.Type;
            number["format"] = type == typeof(long) ? "int64" : "int32";
        }

        if (context.PropertyInfo is { } property && schema is JsonObject node && ByProperty.TryGetValue(property.Name, out var example)
            && Is(node, example.GetValueKind() == JsonValueKind.String ? "string" : "integer"))
        {
            node["examples"] = new JsonArray(example.DeepClone());
        }

        return schema;
    }

    private static bool Is(JsonObject schema, string type) => schema["type"] switch
    {
        JsonValue single => single.GetValue<string>() == type,
        JsonArray types => types.Any(candidate => candidate?.GetValue<string>() == type),
        _ => false,
    };
}
