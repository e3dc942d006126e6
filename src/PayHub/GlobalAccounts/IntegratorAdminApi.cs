using System.Security.Cryptography;
using PayHub.Admin;
using PayHub.Storage;

namespace PayHub.GlobalAccounts;

/// <summary>
/// Admin resources of the integrator clients: <c>/admin/integrators</c>, their public keys by
/// keyVersion, the customers they know (referenceCustomerId, authorisation), authorisation codes
/// for the OAuth flow (the consent page is out of scope), token revocation, and the server's public key.
/// </summary>
public static class IntegratorAdminApi
{
    public static RouteGroupBuilder MapIntegratorAdmin(this RouteGroupBuilder admin)
    {
        var group = admin.MapGroup("/integrators").WithTags("Global account API: integrators");
        group.MapGet("", (IntegratorStore store) => TypedResults.Ok(store.Views(null)))
            .WithName("ListIntegrators").WithSummary("Every integrator client with its accountTypes and key versions");

        group.MapGet("/{clientId}", (string clientId, IntegratorStore store) =>
            store.Views(clientId) is [var view] ? Results.Ok(view) : AdminApi.NotFound("No integrator " + clientId))
            .WithName("GetIntegrator").Produces<IntegratorView>(200).ProducesProblem(404).WithSummary("One integrator client");

        group.MapPost("", (IntegratorChange body, IntegratorStore store, IntegratorDirectory integrators, TimeProvider clock) =>
        {
            var errors = Check(body);
            if (body.ClientId is not { Length: >= 1 and <= 64 } || !body.ClientId.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                errors["clientId"] = ["1 to 64 letters, digits, _ or -"];
            }

            if (AdminApi.Invalid(errors) is { } invalid)
            {
                return invalid;
            }

            var inserted = store.Create(body, clock.GetUtcNow());
            integrators.Invalidate(); // a lookup of this Client-Id before it existed may be cached as "unknown"
            return !inserted ? AdminApi.Conflict($"Integrator {body.ClientId} exists") : Results.Created($"/admin/integrators/{body.ClientId}", store.Views(body.ClientId)[0]);
        }).WithName("CreateIntegrator").Produces<IntegratorView>(201).ProducesProblem(409).ProducesValidationProblem().ProducesProblem(403).WithSummary("Registers an integrator client");

        group.MapPut("/{clientId}", (string clientId, IntegratorChange body, IntegratorStore store, IntegratorDirectory integrators) =>
        {
            if (AdminApi.Invalid(Check(body)) is { } invalid)
            {
                return invalid;
            }

            var updated = store.Update(clientId, body);
            integrators.Invalidate();
            return !updated ? AdminApi.NotFound("No integrator " + clientId) : Results.Ok(store.Views(clientId)[0]);
        }).WithName("UpdateIntegrator").Produces<IntegratorView>(200).ProducesProblem(404).ProducesValidationProblem().ProducesProblem(403).WithSummary("Changes name, accountTypes and rate limit");

        foreach (var (action, enabled) in (ReadOnlySpan<(string, bool)>)[("disable", false), ("enable", true)])
        {
            group.MapPost("/{clientId}/" + action, (string clientId, IntegratorStore store, IntegratorDirectory integrators) =>
            {
                var updated = store.SetEnabled(clientId, enabled);
                integrators.Invalidate();
                return updated ? Results.Ok(store.Views(clientId)[0]) : AdminApi.NotFound("No integrator " + clientId);
            }).WithName(enabled ? "EnableIntegrator" : "DisableIntegrator").Produces<IntegratorView>(200).ProducesProblem(404).ProducesProblem(403)
                .WithSummary(enabled ? "Takes a disabled integrator's requests again" : "Its requests are refused as an unknown Client-Id's are, until it is enabled");
        }

        group.MapPut("/{clientId}/keys/{keyVersion:int}", (string clientId, int keyVersion, ClientKeyChange body, IntegratorStore store, IntegratorDirectory integrators, TimeProvider clock) =>
        {
            var errors = new Dictionary<string, string[]>();
            if (keyVersion is < 1 or > 999)
            {
                errors["keyVersion"] = ["1 to 999"];
            }

            try
            {
                using var key = RSA.Create();
                key.ImportFromPem(body.PublicKeyPem ?? "");
                if (key.KeySize < 2048)
                {
                    errors["publicKeyPem"] = ["an RSA key of at least 2048 bits"];
                }
            }
            catch (Exception e) when (e is ArgumentException or CryptographicException)
            {
                errors["publicKeyPem"] = ["a PEM RSA public key (BEGIN PUBLIC KEY or BEGIN RSA PUBLIC KEY)"];
            }

            if (AdminApi.Invalid(errors) is { } invalid)
            {
                return invalid;
            }

            var known = store.SetKey(clientId, keyVersion, body.PublicKeyPem!, clock.GetUtcNow());
            if (!known)
            {
                return AdminApi.NotFound("No integrator " + clientId);
            }

            integrators.Invalidate();
            return Results.Ok(store.Views(clientId)[0]);
        }).WithName("SetIntegratorKey").Produces<IntegratorView>(200).ProducesProblem(404).ProducesValidationProblem().ProducesProblem(403).WithSummary("Registers (or replaces) the client's public key of one keyVersion");

        group.MapDelete("/{clientId}/keys/{keyVersion:int}", (string clientId, int keyVersion, IntegratorStore store, IntegratorDirectory integrators) =>
        {
            var deleted = store.DeleteKey(clientId, keyVersion);
            integrators.Invalidate();
            return !deleted ? AdminApi.NotFound($"No key {keyVersion} for {clientId}") : Results.NoContent();
        }).WithName("DeleteIntegratorKey").Produces(204).ProducesProblem(404).ProducesProblem(403).WithSummary("Withdraws a key version: requests signed with it get KEY_NOT_FOUND");

        group.MapGet("/{clientId}/customers", (string clientId, IntegratorStore store) =>
            store.Customers(clientId) is { } customers ? Results.Ok(customers) : AdminApi.NotFound("No integrator " + clientId))
            .WithName("ListIntegratorCustomers").ProducesProblem(404).Produces<List<IntegratorCustomerView>>(200).WithSummary("The customers an integrator knows, with their referenceCustomerId and whether each authorised it");

        group.MapPut("/{clientId}/customers/{customerId}", async (string clientId, string customerId, AuthorisationChange body, IntegratorStore store, OAuthGrants grants, TimeProvider clock) =>
        {
            if (body.ReferenceCustomerId is { Length: 0 or > 64 })
            {
                return AdminApi.Invalid(new() { ["referenceCustomerId"] = ["1 to 64 characters, or null"] })!;
            }

            if (!store.ClientAndCustomerExist(clientId, customerId))
            {
                return AdminApi.NotFound($"No integrator {clientId} or no customer {customerId}");
            }

            try
            {
                store.SetCustomer(clientId, customerId, body.ReferenceCustomerId, body.Authorised ?? true, clock.GetUtcNow());
            }
            catch (System.Data.Common.DbException e) when (Database.IsUniqueViolation(e))
            {
                return AdminApi.Conflict($"referenceCustomerId {body.ReferenceCustomerId} already names another customer of {clientId}");
            }

            var revoked = body.Authorised == false ? await grants.RevokeAsync(clientId, customerId) : 0;
            return Results.Ok(new AuthorisationView(clientId, customerId, body.ReferenceCustomerId, body.Authorised ?? true, revoked));
        }).WithName("SetIntegratorCustomer").Produces<AuthorisationView>(200).ProducesProblem(404).ProducesProblem(409).ProducesValidationProblem().ProducesProblem(403).WithSummary("Links a customer to the client (referenceCustomerId) and authorises it; authorised=false withdraws it and revokes its tokens");

        group.MapPost("/{clientId}/customers/{customerId}/auth-codes", async (string clientId, string customerId, OAuthGrants grants) =>
            await grants.IssueAuthCodeAsync(clientId, customerId) is { } issued
                ? Results.Ok(new AuthCodeIssued(issued.Code, Protocols.GlobalAccounts.RequestTime.Format(issued.Expires)))
                : AdminApi.Conflict($"Customer {customerId} has not authorised {clientId}"))
            .WithName("IssueAuthCode").Produces<AuthCodeIssued>(200).ProducesProblem(409).ProducesProblem(403).WithSummary("An authorisation code for applyToken (one use, 10 minutes), as the consent page would give");

        group.MapPost("/{clientId}/tokens/revoke", async (string clientId, TokenRevocation body, OAuthGrants grants) =>
            body.Token is { Length: > 0 } token && await grants.RevokeOneAsync(clientId, token)
                ? Results.NoContent()
                : AdminApi.NotFound("No such token or code for " + clientId))
            .WithName("RevokeToken").Produces(204).ProducesProblem(404).ProducesProblem(403).WithSummary("Revokes one access token, refresh token or authorisation code");

        admin.MapGet("/global-accounts/server-key", (ServerSigningKey key) => TypedResults.Ok(new ServerKeyView(key.KeyVersion, key.PublicKeyPem)))
            .WithTags("Global account API: integrators").WithName("GetServerKey").WithSummary("The public key that verifies this server's response signatures");
        return admin;
    }

    private static Dictionary<string, string[]> Check(IntegratorChange body)
    {
        var errors = new Dictionary<string, string[]>();
        AdminApi.CheckName(errors, body.Name);

        if (body.AccountTypes is null || body.AccountTypes.Any(t => !CustomerResolution.AccountTypes.Contains(t)))
        {
            errors["accountTypes"] = ["a list of " + string.Join(", ", CustomerResolution.AccountTypes)];
        }

        AdminApi.CheckRateLimit(errors, body.RateLimitPerSecond);

        return errors;
    }
}
