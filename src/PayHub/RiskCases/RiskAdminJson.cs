using System.Text.Json;
using System.Text.Json.Serialization;

namespace PayHub.RiskCases;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(RiskAgentView))]
[JsonSerializable(typeof(List<RiskAgentView>))]
[JsonSerializable(typeof(RiskAgentChange))]
[JsonSerializable(typeof(RiskCredentials))]
[JsonSerializable(typeof(RiskMerchantChange))]
[JsonSerializable(typeof(List<RiskMerchantChange>))]
[JsonSerializable(typeof(RiskCaseCreate))]
[JsonSerializable(typeof(RiskAudit))]
[JsonSerializable(typeof(RiskClose))]
[JsonSerializable(typeof(RiskCaseView))]
[JsonSerializable(typeof(List<RiskDeliveryView>))]
public sealed partial class RiskAdminJson : JsonSerializerContext;
