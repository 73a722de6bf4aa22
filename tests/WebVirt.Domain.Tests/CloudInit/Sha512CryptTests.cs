using WebVirt.Domain.CloudInit;

namespace WebVirt.Domain.Tests.CloudInit;

public sealed class Sha512CryptTests
{
    // Ulrich Drepper's published vectors, which `openssl passwd -6 -salt ...` reproduces too.
    [Theory]
    [InlineData("Hello world!", "saltstring", 5000, "$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1")]
    [InlineData("Hello world!", "saltstringsaltstring", 10000, "$6$rounds=10000$saltstringsaltst$OW1/O6BYHV6BcXZu8QVeXbDWra3Oeqh0sbHbbMCVNSnCM/UrjmM0Dp8vOuZeHBy/YTBmSK6H9qs/y3RnOaw5v.")]
    [InlineData("a much longer password that is more than sixty-four bytes long, really it is ü", "abcdefgh", 5000, "$6$abcdefgh$KRAJdRNM0T9facnMuOeg1krFeFaQX4IEaKTQ1kKjz6Z5/UIuVt6Bh.UdLY.cmewiMQVz6r5SYpi7m1h1wQ6Gz.")]
    public void Matches_the_reference_hashes(string password, string salt, int rounds, string expected) =>
        Assert.Equal(expected, Sha512Crypt.Hash(password, salt, rounds));

    [Fact]
    public void A_fresh_hash_has_a_random_16_character_salt_and_never_the_password()
    {
        string first = Sha512Crypt.Hash("s3cret-Pa55");
        string second = Sha512Crypt.Hash("s3cret-Pa55");

        Assert.Matches(@"^\$6\$[./0-9A-Za-z]{16}\$[./0-9A-Za-z]{86}$", first);
        Assert.NotEqual(first, second);
        Assert.DoesNotContain("s3cret", first, StringComparison.Ordinal);
    }
}
