namespace PayHub.Tests.MultiNode;

/// <summary>
/// The tests that start payhub processes run on their own, after the others: two or three .NET
/// processes starting at once take both cores for seconds, which would starve the timing of tests
/// running beside them (and theirs).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NodeProcesses
{
    public const string Name = "payhub node processes";
}
