namespace PayHub.Sandbox;

/// <summary>A code that no trigger gives, because the request's own content decides it before a trigger is read: how to get it.</summary>
public sealed record ProvokedCode(string Code, string How);
