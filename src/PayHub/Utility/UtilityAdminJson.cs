using System.Text.Json;
using System.Text.Json.Serialization;

namespace PayHub.Utility;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(InstitutionView))]
[JsonSerializable(typeof(List<InstitutionView>))]
[JsonSerializable(typeof(InstitutionCreate))]
[JsonSerializable(typeof(InstitutionUpdate))]
[JsonSerializable(typeof(ApiKeyIssued))]
[JsonSerializable(typeof(CompanyView))]
[JsonSerializable(typeof(List<CompanyView>))]
[JsonSerializable(typeof(CustomerView))]
[JsonSerializable(typeof(List<CustomerView>))]
[JsonSerializable(typeof(CustomerChange))]
[JsonSerializable(typeof(PaymentView))]
[JsonSerializable(typeof(List<PaymentView>))]
[JsonSerializable(typeof(PaymentCreate))]
[JsonSerializable(typeof(BillView))]
[JsonSerializable(typeof(List<BillView>))]
[JsonSerializable(typeof(BillCreate))]
public sealed partial class UtilityAdminJson : JsonSerializerContext;
