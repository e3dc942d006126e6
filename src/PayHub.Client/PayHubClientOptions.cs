namespace PayHub.Client;

/// <summary>What every family's client is configured with, beside its credentials.</summary>
public abstract class PayHubClientOptions
{
    /// <summary>
    /// The server's address (scheme, host, port and any path base), e.g. <c>http://localhost:5000</c>. When null,
    /// the <see cref="HttpClient.BaseAddress"/> of the client's <see cref="HttpClient"/> is used.
    /// </summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>Called with each step of every exchange (see <see cref="ExchangeStep"/>); null reports nothing.</summary>
    public Action<ExchangeStep>? Explain { get; set; }

    /// <summary>The clock that dates requests (TranDate, TransTime, Request-Time, timestamp); the system's by default.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>The time zone of the wire's dates: China Standard Time, as every family's document says.</summary>
    internal DateTimeOffset ChinaNow() => Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8));

    internal void Report(string name, string text) => Explain?.Invoke(new ExchangeStep(name, text));
}
