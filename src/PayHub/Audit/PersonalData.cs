namespace PayHub.Audit;

/// <summary>What kind of personal data a field holds, and so how it is masked.</summary>
public enum PersonalData
{
    None,
    Phone,
    Number,
    Name,
    Address,

    /// <summary>A one-time secret such as an SMS code: nothing of it is kept.</summary>
    Secret,
}
