using Frontline.Security;
using Frontline.Volunteers;
using Microsoft.Extensions.Options;

namespace Frontline.Tests.Volunteers;

public sealed class PersonalDataTests
{
    private const string KeyA = "ZGV2LW9ubHkgcGVyc29uYWwgZGF0YSBrZXkgMzIgYiE=";
    private const string KeyB = "ZGV2LW9ubHkgcGhvbmUgaGFzaCBrZXksIDMyIGJ5dGU=";

    private static PersonalData With(string key, string previous = "") =>
        new(Options.Create(new FrontlineOptions { PersonalDataKey = key, PreviousPersonalDataKeys = previous, PhoneHashKey = KeyB }));

    [Theory]
    [InlineData("+86 138-0013-8000")]
    [InlineData("138 0013 8000")]
    [InlineData("13800138000")]
    [InlineData("0086 138 0013 8000")]
    [InlineData("(138) 0013-8000")]
    public void Every_common_spelling_normalizes_to_the_same_number(string spelling)
    {
        Assert.True(PhoneNumber.TryNormalize(spelling, out var normalized));
        Assert.Equal("13800138000", normalized);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1380013800")]
    [InlineData("23800138000")]
    [InlineData("11800138000")]
    [InlineData("+1 138 0013 8000")]
    [InlineData("138-0013-800O")]
    [InlineData("138\u00a00013\u00a08000x")]
    public void What_is_not_a_mainland_mobile_is_refused(string input) =>
        Assert.False(PhoneNumber.TryNormalize(input, out _));

    [Fact]
    public void Encryption_round_trips_and_never_repeats_the_ciphertext()
    {
        var data = With(KeyA);
        var first = data.Encrypt("13800138000");

        Assert.NotEqual(first, data.Encrypt("13800138000"));
        Assert.DoesNotContain("13800138000", first, StringComparison.Ordinal);
        Assert.Equal("13800138000", data.Decrypt(first));
    }

    [Fact]
    public void After_a_key_rotation_old_values_still_decrypt_and_are_flagged_for_re_encryption()
    {
        var old = With(KeyA).Encrypt("13800138000");
        var rotated = With(KeyB, previous: KeyA);

        Assert.Equal("13800138000", rotated.Decrypt(old));
        Assert.True(rotated.NeedsRotation(old));
        Assert.False(rotated.NeedsRotation(rotated.Encrypt("13800138000")));
    }

    [Fact]
    public void The_phone_hash_is_keyed_and_stable() =>
        Assert.Equal(With(KeyA).PhoneHash("13800138000"), With(KeyB).PhoneHash("13800138000"));

    [Fact]
    public void A_masked_phone_shows_only_the_first_three_and_last_four_digits() =>
        Assert.Equal("138****8000", PersonalData.Mask("13800138000"));

    [Fact]
    public void A_registration_id_carries_the_phone_hash_sealed_and_two_ids_for_one_phone_look_unrelated()
    {
        var data = With(KeyA);
        var hash = data.PhoneHash("13800138000");
        var first = data.NewRegistrationId(hash);
        var second = data.NewRegistrationId(hash);

        Assert.NotEqual(first, second);
        Assert.DoesNotContain(hash, first, StringComparison.OrdinalIgnoreCase);
        Assert.True(data.TryOpenRegistrationId(first, out var opened));
        Assert.Equal(hash, opened);
        var tampered = (first[10] == 'A' ? "B" : "A") is var c ? first[..10] + c + first[11..] : first;
        Assert.False(data.TryOpenRegistrationId(tampered, out _));
    }

    [Fact]
    public void A_receipt_code_matches_only_its_own_registration()
    {
        var data = With(KeyA);
        var code = data.ReceiptCode("0123456789abcdef0123456789abcdef");

        Assert.True(data.IsReceiptCode("0123456789abcdef0123456789abcdef", code.ToLowerInvariant()));
        Assert.False(data.IsReceiptCode("0123456789abcdef0123456789abcdee", code));
    }
}
