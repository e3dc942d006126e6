using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PayHub.Tests.Hosting;

public sealed class HostingTests(PayHubFactory factory) : IClassFixture<PayHubFactory>
{
    [Fact]
    public async Task Health_live_and_ready_answer_while_the_database_does()
    {
        using var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("""{"status":"Healthy","mode":"sandbox"}""", await ready.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("bank-req-0001", "bank-req-0001")]
    [InlineData("has spaces and <tags>", null)]
    public async Task The_callers_request_id_is_kept_when_safe_else_a_new_one_is_given(string sent, string? expected)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.TryAddWithoutValidation("X-Request-Id", sent);

        var response = await client.SendAsync(request);

        var id = response.Headers.GetValues("X-Request-Id").Single();
        if (expected is null)
        {
            Assert.NotEqual(sent, id);
            Assert.Matches("^[0-9a-f]{32}$", id);
        }
        else
        {
            Assert.Equal(expected, id);
        }
    }

    [Fact]
    public async Task A_request_id_longer_than_64_characters_is_replaced()
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.TryAddWithoutValidation("X-Request-Id", new string('a', 65));

        var response = await client.SendAsync(request);

        Assert.NotEqual(new string('a', 65), response.Headers.GetValues("X-Request-Id").Single());
    }
}

public sealed class HealthWhenDatabaseIsGoneTests
{
    [Fact]
    public async Task Ready_fails_when_the_database_no_longer_answers()
    {
        using var factory = new PayHubFactory();
        using var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        using (var connection = factory.OpenDatabase())
        {
            await Dapper.SqlMapper.ExecuteAsync(connection, "DROP TABLE schema_migrations");
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }
}

public sealed class ConfigurationFilesTests(PayHubFactory factory) : IClassFixture<PayHubFactory>
{
    [Fact]
    public void Appsettings_is_read_at_start_and_not_watched()
    {
        var configuration = (IConfigurationRoot)factory.Services.GetRequiredService<IConfiguration>();

        var files = configuration.Providers.OfType<FileConfigurationProvider>().ToList();

        Assert.Contains(files, f => f.Source.Path == "appsettings.json");
        Assert.All(files, f => Assert.False(f.Source.ReloadOnChange, f.Source.Path + " is watched"));
    }
}
