using System.Security.Cryptography;
using Dapper;
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
        group.MapGet("", (Database database) => TypedResults.Ok(Views(database, null)))
            .WithName("ListIntegrators").WithSummary("Every integrator client with its accountTypes and key versions");

        group.MapGet("/{clientId}", (string clientId, Database database) =>
            Views(database, clientId) is [var view] ? Results.Ok(view) : AdminApi.NotFound("No integrator " + clientId))
            .WithName("GetIntegrator").WithSummary("One integrator client");

        group.MapPost("", (IntegratorChange body, Database database, IntegratorDirectory integrators, TimeProvider clock) =>
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

            var inserted = database.Write((connection, transaction) => connection.Execute(
                """
                INSERT INTO ga_integrators (client_id, name, account_types, rate_limit_per_second, created_at) VALUES (@ClientId, @Name, @types, @RateLimitPerSecond, @at)
                ON CONFLICT (client_id) DO NOTHING
                """,
                new { body.ClientId, body.Name, types = string.Join(' ', body.AccountTypes!), body.RateLimitPerSecond, at = clock.GetUtcNow().ToString("O") },
                transaction));
            integrators.Invalidate(); // a lookup of this Client-Id before it existed may be cached as "unknown"
            return inserted == 0 ? AdminApi.Conflict($"Integrator {body.ClientId} exists") : Results.Created($"/admin/integrators/{body.ClientId}", Views(database, body.ClientId)[0]);
        }).WithName("CreateIntegrator").WithSummary("Registers an integrator client");

        group.MapPut("/{clientId}", (string clientId, IntegratorChange body, Database database, IntegratorDirectory integrators) =>
        {
            if (AdminApi.Invalid(Check(body)) is { } invalid)
            {
                return invalid;
            }

            var updated = database.Write((connection, transaction) => connection.Execute(
                "UPDATE ga_integrators SET name = @Name, account_types = @types, rate_limit_per_second = @RateLimitPerSecond WHERE client_id = @clientId",
                new { clientId, body.Name, types = string.Join(' ', body.AccountTypes!), body.RateLimitPerSecond },
                transaction));
            integrators.Invalidate();
            return updated == 0 ? AdminApi.NotFound("No integrator " + clientId) : Results.Ok(Views(database, clientId)[0]);
        }).WithName("UpdateIntegrator").WithSummary("Changes name, accountTypes and rate limit");

        group.MapPut("/{clientId}/keys/{keyVersion:int}", (string clientId, int keyVersion, ClientKeyChange body, Database database, IntegratorDirectory integrators, TimeProvider clock) =>
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

            var known = database.Write((connection, transaction) =>
            {
                if (connection.ExecuteScalar<long>("SELECT COUNT(*) FROM ga_integrators WHERE client_id = @clientId", new { clientId }, transaction) == 0)
                {
                    return false;
                }

                connection.Execute(
                """
                INSERT INTO ga_integrator_keys (client_id, key_version, public_key_pem, created_at) VALUES (@clientId, @keyVersion, @pem, @at)
                ON CONFLICT (client_id, key_version) DO UPDATE SET public_key_pem = excluded.public_key_pem, created_at = excluded.created_at
                """,
                new { clientId, keyVersion, pem = body.PublicKeyPem, at = clock.GetUtcNow().ToString("O") },
                transaction);
                return true;
            });
            if (!known)
            {
                return AdminApi.NotFound("No integrator " + clientId);
            }

            integrators.Invalidate();
            return Results.Ok(Views(database, clientId)[0]);
        }).WithName("SetIntegratorKey").WithSummary("Registers (or replaces) the client's public key of one keyVersion");

        group.MapDelete("/{clientId}/keys/{keyVersion:int}", (string clientId, int keyVersion, Database database, IntegratorDirectory integrators) =>
        {
            var deleted = database.Write((connection, transaction) =>
                connection.Execute("DELETE FROM ga_integrator_keys WHERE client_id = @clientId AND key_version = @keyVersion", new { clientId, keyVersion }, transaction));
            integrators.Invalidate();
            return deleted == 0 ? AdminApi.NotFound($"No key {keyVersion} for {clientId}") : Results.NoContent();
        }).WithName("DeleteIntegratorKey").WithSummary("Withdraws a key version: requests signed with it get KEY_NOT_FOUND");

        group.MapPut("/{clientId}/customers/{customerId}", async (string clientId, string customerId, AuthorisationChange body, Database database, OAuthGrants grants, TimeProvider clock) =>
        {
            if (body.ReferenceCustomerId is { Length: 0 or > 64 })
            {
                return AdminApi.Invalid(new() { ["referenceCustomerId"] = ["1 to 64 characters, or null"] })!;
            }

            using (var connection = database.Open())
            {
                if (connection.ExecuteScalar<long>(
                        "SELECT (SELECT COUNT(*) FROM ga_integrators WHERE client_id = @clientId) * (SELECT COUNT(*) FROM ga_customers WHERE customer_id = @customerId)",
                        new { clientId, customerId }) == 0)
                {
                    return AdminApi.NotFound($"No integrator {clientId} or no customer {customerId}");
                }
            }

            try
            {
                database.Write((connection, transaction) => connection.Execute(
                    """
                    INSERT INTO ga_integrator_customers (client_id, customer_id, reference_customer_id, authorised, updated_at) VALUES (@clientId, @customerId, @ReferenceCustomerId, @authorised, @at)
                    ON CONFLICT (client_id, customer_id) DO UPDATE SET reference_customer_id = excluded.reference_customer_id, authorised = excluded.authorised, updated_at = excluded.updated_at
                    """,
                    new { clientId, customerId, body.ReferenceCustomerId, authorised = body.Authorised ?? true ? 1 : 0, at = clock.GetUtcNow().ToString("O") },
                    transaction));
            }
            catch (System.Data.Common.DbException e) when (Database.IsUniqueViolation(e))
            {
                return AdminApi.Conflict($"referenceCustomerId {body.ReferenceCustomerId} already names another customer of {clientId}");
            }

            var revoked = body.Authorised == false ? await grants.RevokeAsync(clientId, customerId) : 0;
            return Results.Ok(new AuthorisationView(clientId, customerId, body.ReferenceCustomerId, body.Authorised ?? true, revoked));
        }).WithName("SetIntegratorCustomer").WithSummary("Links a customer to the client (referenceCustomerId) and authorises it; authorised=false withdraws it and revokes its tokens");

        group.MapPost("/{clientId}/customers/{customerId}/auth-codes", async (string clientId, string customerId, OAuthGrants grants) =>
            await grants.IssueAuthCodeAsync(clientId, customerId) is { } issued
                ? Results.Ok(new AuthCodeIssued(issued.Code, Protocols.GlobalAccounts.RequestTime.Format(issued.Expires)))
                : AdminApi.Conflict($"Customer {customerId} has not authorised {clientId}"))
            .WithName("IssueAuthCode").WithSummary("An authorisation code for applyToken (one use, 10 minutes), as the consent page would give");

        group.MapPost("/{clientId}/tokens/revoke", async (string clientId, TokenRevocation body, OAuthGrants grants) =>
            body.Token is { Length: > 0 } token && await grants.RevokeOneAsync(clientId, token)
                ? Results.NoContent()
                : AdminApi.NotFound("No such token or code for " + clientId))
            .WithName("RevokeToken").WithSummary("Revokes one access token, refresh token or authorisation code");

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

    private static List<IntegratorView> Views(Database database, string? clientId)
    {
        using var connection = database.Open();
        var keys = connection.Query<(string ClientId, long Version)>("SELECT client_id, key_version FROM ga_integrator_keys ORDER BY key_version")
            .ToLookup(k => k.ClientId, k => k.Version);
        return connection.Query<(string ClientId, string Name, string Types, long? Rate)>(
                "SELECT client_id, name, account_types, rate_limit_per_second FROM ga_integrators WHERE @clientId IS NULL OR client_id = @clientId ORDER BY client_id",
                new { clientId })
            .Select(r => new IntegratorView(r.ClientId, r.Name, r.Types.Split(' ', StringSplitOptions.RemoveEmptyEntries), r.Rate, keys[r.ClientId].ToList()))
            .ToList();
    }
}
