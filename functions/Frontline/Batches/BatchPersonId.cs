using System.Globalization;
using Frontline.Storage;

namespace Frontline.Batches;

/// <summary>
/// The id of a person a dispatch batch names who is not a registered volunteer: <c>b-{unitId}-{batchId}-{n}</c>, n the
/// person's place (from 1) in the batch's names. Stable, because a batch's names never change once it is recorded
/// (a change is a new batch). The shift routes take it where they take a volunteer id, so such a person gets shifts
/// like anyone else. The unit is in the id so that a Reporter of another unit is refused before anything is read, and
/// so that the batch is one point read in its unit's partition, for a Coordinator as for a Reporter.
/// </summary>
public readonly record struct BatchPersonId(string UnitId, string BatchId, int Number)
{
    private const string Prefix = "b-";

    /// <summary>"20220317-" and 8 characters (<see cref="BatchStore.NewId"/>).</summary>
    private const int BatchIdLength = 17;

    public override string ToString() => $"{Prefix}{UnitId}-{BatchId}-{Number.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// The person's key in the Shifts table, where a registered volunteer's is their phone hash (32 hex digits): the
    /// '|' keeps the two apart.
    /// </summary>
    public string ShiftKey => $"batch|{UnitId}|{BatchId}|{Number.ToString(CultureInfo.InvariantCulture)}";

    public static string Of(Batch batch, int index) => new BatchPersonId(batch.UnitId, batch.Id, index + 1).ToString();

    /// <summary>Read from the end: n, then the batch id of fixed shape, then the unit id, which may hold '-' itself.</summary>
    public static bool TryParse(string? text, out BatchPersonId id)
    {
        id = default;
        if (text is null || !text.StartsWith(Prefix, StringComparison.Ordinal) || text.Length > 120)
        {
            return false;
        }

        var lastDash = text.LastIndexOf('-');
        var numberText = text[(lastDash + 1)..];
        if (numberText.Length is < 1 or > 3 || !numberText.All(char.IsAsciiDigit) || numberText[0] == '0'
            || lastDash - BatchIdLength - 1 < Prefix.Length + 2 || text[lastDash - BatchIdLength - 1] != '-')
        {
            return false;
        }

        var batchId = text[(lastDash - BatchIdLength)..lastDash];
        var unitId = text[Prefix.Length..(lastDash - BatchIdLength - 1)];
        if (!BatchValidation.IsBatchId(batchId) || !EntityIds.IsValid(unitId))
        {
            return false;
        }

        id = new BatchPersonId(unitId, batchId, int.Parse(numberText, CultureInfo.InvariantCulture));
        return true;
    }
}
