using System.Text.Json;

namespace PayHub.GlobalAccounts;

/// <summary>An authenticated call: the integrator, its JSON body (an object) and its request headers.</summary>
public sealed record GlobalCall(Integrator Client, JsonElement Body, IHeaderDictionary Headers);
