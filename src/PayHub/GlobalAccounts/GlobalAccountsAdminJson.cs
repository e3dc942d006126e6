using System.Text.Json;
using System.Text.Json.Serialization;

namespace PayHub.GlobalAccounts;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(IntegratorView))]
[JsonSerializable(typeof(List<IntegratorView>))]
[JsonSerializable(typeof(IntegratorChange))]
[JsonSerializable(typeof(ClientKeyChange))]
[JsonSerializable(typeof(ServerKeyView))]
[JsonSerializable(typeof(GlobalCustomerView))]
[JsonSerializable(typeof(List<GlobalCustomerView>))]
[JsonSerializable(typeof(GlobalCustomerChange))]
[JsonSerializable(typeof(AccountModel))]
[JsonSerializable(typeof(AuthorisationChange))]
[JsonSerializable(typeof(AuthCodeIssued))]
[JsonSerializable(typeof(AuthorisationView))]
[JsonSerializable(typeof(List<IntegratorCustomerView>))]
[JsonSerializable(typeof(TokenRevocation))]
public sealed partial class GlobalAccountsAdminJson : JsonSerializerContext;
