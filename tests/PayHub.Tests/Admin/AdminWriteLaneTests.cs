using System.Net;

namespace PayHub.Tests.Admin;

/// <summary>
/// Admin writes decided by unique keys: concurrent creations of one unique name give exactly one
/// 201 and 409s for the rest, on both engines, and a write that fails for another reason is a 500 problem,
/// never a 409 that would tell the operator the thing exists.
/// </summary>
public sealed class AdminWriteLaneTests(PayHubFactory factory) : IClassFixture<PayHubFactory>
{
    public static TheoryData<string, string> Creations => new()
    {
        { "/admin/companies", """{"companyId":"RACE01","name":"同时创建"}""" },
        { "/admin/front-ends", """{"clientId":"race-frontend","name":"同时创建"}""" },
        { "/admin/integrators", """{"clientId":"RACE_CLIENT","name":"同时创建","accountTypes":["RECEIVE_ACCOUNT"]}""" },
        { "/admin/agents", """{"agentNo":"RACE01","name":"同时创建"}""" },
        { "/admin/institutions", """{"instId":"RACE01","name":"同时创建"}""" },
    };

    [Theory]
    [MemberData(nameof(Creations))]
    public async Task Concurrent_creations_of_one_name_give_one_201_and_409s(string path, string body)
    {
        var clients = Enumerable.Range(0, 6).Select(_ => factory.Admin()).ToList();

        var answers = await Task.WhenAll(clients.Select(c => c.PostAsync(path, new StringContent(body, System.Text.Encoding.UTF8, "application/json"))));

        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        Assert.Equal(5, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
        clients.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task A_write_that_fails_for_another_reason_is_a_500_problem_not_a_409()
    {
        using var admin = factory.Admin(); // the server, and so its database, exists from here
        using (var connection = factory.OpenDatabase())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = connection.GetType().Name.StartsWith("Npgsql", StringComparison.Ordinal)
                ? """
                  CREATE FUNCTION refuse_customers() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'the disk is on fire'; END $$;
                  CREATE TRIGGER refuse_customers BEFORE INSERT ON utility_customers FOR EACH ROW EXECUTE FUNCTION refuse_customers();
                  """
                : "CREATE TRIGGER refuse_customers BEFORE INSERT ON utility_customers BEGIN SELECT RAISE(ABORT, 'the disk is on fire'); END;";
            command.ExecuteNonQuery();
        }

        var answer = await admin.PostAsJsonAsync("/admin/companies/654321/customers", new
        {
            billKey = "FIRE01", contractNo = "CONTRACT-FIRE", name = "李四", phone = "13900000000", address = "北京市", customerStatus = 1, serviceStatus = 1, registerDate = "20240101",
        });

        Assert.Equal(HttpStatusCode.InternalServerError, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType!.MediaType);
    }
}
