using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using WebVirt.Agent.Enrolment;
using WebVirt.Contracts;

namespace WebVirt.Agent.Tests;

/// <summary>A console enrols with the one-time code the administrator made on the host, over TLS, and nothing else gets in.</summary>
public sealed class EnrolmentTests : IAsyncLifetime
{
    private readonly string _stateDirectory = Path.Combine(Path.GetTempPath(), "wvt-enrol-" + Guid.NewGuid().ToString("N"));
    private AgentFactory _agent = null!;

    public async Task InitializeAsync()
    {
        _agent = new AgentFactory("test:///default", _stateDirectory);
        _ = _agent.Server;
    }

    public async Task DisposeAsync()
    {
        await _agent.DisposeAsync();
        Directory.Delete(_stateDirectory, recursive: true);
    }

    private string Fingerprint => AgentCertificate.LoadOrCreate(_stateDirectory, "test-host").Fingerprint;

    private string IssueCode(TimeSpan? validFor = null) =>
        EnrolmentService.Issue(_stateDirectory, validFor ?? TimeSpan.FromHours(1), DateTimeOffset.UtcNow);

    private static string NewToken() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private async Task<HttpResponseMessage> EnrolAsync(string token, string proof, bool https = true)
    {
        using var client = _agent.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(https ? "https://localhost" : "http://localhost") });
        return await client.PostAsJsonAsync(EnrolmentHandshake.Path, new EnrolmentRequest(token, proof));
    }

    private static async Task<Failure> FailureOf(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Failure>())!;
    }

    [Fact]
    public async Task The_right_code_enrols_the_console_whose_token_then_opens_the_hub_and_the_code_is_spent()
    {
        var code = IssueCode();
        var token = NewToken();

        var response = await EnrolAsync(token, EnrolmentHandshake.RequestProof(EnrolmentHandshake.FormatCode(code).ToLowerInvariant(), token, Fingerprint));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = (await response.Content.ReadFromJsonAsync<EnrolmentAnswer>())!;
        Assert.Equal("test-host", answer.HostId);
        Assert.True(EnrolmentHandshake.ProofsMatch(EnrolmentHandshake.AnswerProof(code, token, Fingerprint), answer.Proof));
        Assert.False(EnrolmentHandshake.ProofsMatch(EnrolmentHandshake.AnswerProof(code, token, new string('0', 64)), answer.Proof));

        await using (var connection = _agent.CreateHubConnection(token))
        {
            await connection.StartAsync();
            Assert.Equal("test-host", (await connection.WaitUntilConnectedAsync(TimeSpan.FromSeconds(20))).HostId);
        }

        var again = await EnrolAsync(NewToken(), EnrolmentHandshake.RequestProof(code, token, Fingerprint));
        Assert.Equal(ErrorCodes.EnrolmentNoCode, (await FailureOf(again, HttpStatusCode.Forbidden)).Code);
    }

    [Fact]
    public async Task A_new_enrolment_replaces_the_console_enrolled_before()
    {
        var first = NewToken();
        var code = IssueCode();
        Assert.Equal(HttpStatusCode.OK, (await EnrolAsync(first, EnrolmentHandshake.RequestProof(code, first, Fingerprint))).StatusCode);
        var second = NewToken();
        code = IssueCode();
        Assert.Equal(HttpStatusCode.OK, (await EnrolAsync(second, EnrolmentHandshake.RequestProof(code, second, Fingerprint))).StatusCode);

        await using var old = _agent.CreateHubConnection(first);
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => old.StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task Wrong_codes_are_refused_and_the_fifth_discards_the_code()
    {
        var code = IssueCode();
        var token = NewToken();
        for (var left = EnrolmentService.MaxFailures - 1; left >= 0; left--)
        {
            var refused = await FailureOf(await EnrolAsync(token, EnrolmentHandshake.RequestProof("WRONG0CODE00", token, Fingerprint)), HttpStatusCode.Forbidden);
            Assert.Equal(ErrorCodes.EnrolmentRefused, refused.Code);
            Assert.Equal(left.ToString(System.Globalization.CultureInfo.InvariantCulture), refused.Args[0]);
        }

        var afterwards = await EnrolAsync(token, EnrolmentHandshake.RequestProof(code, token, Fingerprint));
        Assert.Equal(ErrorCodes.EnrolmentNoCode, (await FailureOf(afterwards, HttpStatusCode.Forbidden)).Code);
        await using var connection = _agent.CreateHubConnection(token);
        await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());
    }

    [Fact]
    public async Task A_console_that_saw_another_certificate_is_refused()
    {
        var code = IssueCode();
        var token = NewToken();
        var otherCertificate = EnrolmentHandshake.Fingerprint(System.Text.Encoding.ASCII.GetBytes("a certificate of a machine in the middle"));

        var refused = await FailureOf(await EnrolAsync(token, EnrolmentHandshake.RequestProof(code, token, otherCertificate)), HttpStatusCode.Forbidden);

        Assert.Equal(ErrorCodes.EnrolmentRefused, refused.Code);
    }

    [Fact]
    public async Task An_expired_code_is_refused_and_removed()
    {
        var code = EnrolmentService.Issue(_stateDirectory, TimeSpan.FromMinutes(1), DateTimeOffset.UtcNow.AddHours(-1));
        var token = NewToken();

        var refused = await FailureOf(await EnrolAsync(token, EnrolmentHandshake.RequestProof(code, token, Fingerprint)), HttpStatusCode.Forbidden);

        Assert.Equal(ErrorCodes.EnrolmentExpired, refused.Code);
        Assert.False(File.Exists(Path.Combine(_stateDirectory, "enrolment-code.json")));
    }

    [Fact]
    public async Task Enrolment_over_plain_http_and_a_short_token_are_refused()
    {
        var code = IssueCode();
        var token = NewToken();
        Assert.Equal(ErrorCodes.EnrolmentNeedsTls,
            (await FailureOf(await EnrolAsync(token, EnrolmentHandshake.RequestProof(code, token, Fingerprint), https: false), HttpStatusCode.BadRequest)).Code);

        const string shortToken = "short";
        Assert.Equal(ErrorCodes.EnrolmentRefused,
            (await FailureOf(await EnrolAsync(shortToken, EnrolmentHandshake.RequestProof(code, shortToken, Fingerprint)), HttpStatusCode.Forbidden)).Code);
    }
}
