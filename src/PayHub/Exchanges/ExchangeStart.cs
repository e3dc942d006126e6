namespace PayHub.Exchanges;

/// <summary>What the front door hands a family to open its <see cref="Exchange"/> with.</summary>
public readonly record struct ExchangeStart(HttpContext Http, FrontDoor Door, long StartedAt);
