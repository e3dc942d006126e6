using Dapper;
using PayHub.Protocols.Crypto;
using PayHub.Protocols.Utility;

namespace PayHub.Tests.Utility;

/// <summary>InstId + TranDate + TranSeq: a repeat with the same content gets the first answer, other content DEF0004, concurrent duplicates one effect.</summary>
public sealed class UtilityIdempotencyTests(PayHubFactory factory) : IClassFixture<PayHubFactory>
{
    private readonly UtilityCaller _bank = new(factory.CreateClient());

    private long KeptRows(string tranSeq)
    {
        using var connection = factory.OpenDatabase();
        return connection.ExecuteScalar<long>("SELECT COUNT(*) FROM utility_requests WHERE tran_seq = @tranSeq", new { tranSeq });
    }

    [Fact]
    public async Task A_repeat_with_the_same_content_gets_the_first_answer_even_after_the_data_changed()
    {
        var tranSeq = UtilityCaller.NewTranSeq();
        var first = await _bank.SendAsync(UtilityCaller.CustomerCheck(tranSeq));
        using (var admin = factory.Admin())
        {
            var added = await admin.PostAsJsonAsync("/admin/companies/654321/customers/123456/payments", new { payDate = "20240115", amountFen = 15000, tranSeq = "IDEM" + tranSeq[..8] });
            Assert.Equal(System.Net.HttpStatusCode.Created, added.StatusCode);
        }

        var repeat = await _bank.SendAsync(UtilityCaller.CustomerCheck(tranSeq), UtilityDataType.Json);
        var fresh = await _bank.SendAsync(UtilityCaller.CustomerCheck());

        Assert.Equal(first.Message!.Fields, repeat.Message!.Fields);
        Assert.Equal("36", repeat["totalPayCount"]);
        Assert.Equal("37", fresh["totalPayCount"]);
        Assert.Equal(1, KeptRows(tranSeq));
    }

    [Fact]
    public async Task The_same_TranSeq_with_other_content_is_DEF0004()
    {
        var tranSeq = UtilityCaller.NewTranSeq();
        Assert.Equal("AAAAAAA", (await _bank.SendAsync(UtilityCaller.CustomerCheck(tranSeq))).RespCode);

        var altered = await _bank.SendAsync(UtilityCaller.CustomerCheck(tranSeq).Set("contractNo", ""));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, altered.Status);
        Assert.Equal("DEF0004", altered.RespCode);
    }

    [Fact]
    public async Task A_CBC_retry_with_a_new_IV_is_the_same_content()
    {
        var tranSeq = UtilityCaller.NewTranSeq();
        var encryption = new UtilityEncryption(BlockCipherKind.Sm4, BlockChaining.Cbc);

        var first = await _bank.SendAsync(UtilityCaller.CustomerCheck(tranSeq), encryption: encryption);
        var retry = await _bank.SendAsync(UtilityCaller.CustomerCheck(tranSeq), encryption: encryption);

        Assert.Equal("AAAAAAA", retry.RespCode);
        Assert.Equal(first.Message!.Fields, retry.Message!.Fields);
    }

    [Fact]
    public async Task A_business_refusal_is_kept_and_a_validation_refusal_is_not()
    {
        var refused = UtilityCaller.NewTranSeq();
        var invalid = UtilityCaller.NewTranSeq();

        Assert.Equal("DEF0006", (await _bank.SendAsync(UtilityCaller.CustomerCheck(refused).Set("companyId", "000000"))).RespCode);
        Assert.Equal("DEF0002", (await _bank.SendAsync(UtilityCaller.CustomerCheck(invalid).Set("queryType", "5"))).RespCode);

        Assert.Equal(1, KeptRows(refused));
        Assert.Equal(0, KeptRows(invalid));
        Assert.Equal("AAAAAAA", (await _bank.SendAsync(UtilityCaller.CustomerCheck(invalid))).RespCode);
    }

    [Fact]
    public async Task Fifty_concurrent_identical_requests_give_one_kept_answer_and_all_the_same_reply()
    {
        var tranSeq = UtilityCaller.NewTranSeq();

        var replies = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => _bank.SendAsync(UtilityCaller.CustomerCheck(tranSeq))));

        Assert.All(replies, r => Assert.Equal("AAAAAAA", r.RespCode));
        Assert.Single(replies.Select(r => string.Join("|", r.Message!.Fields)).Distinct());
        Assert.Equal(1, KeptRows(tranSeq));
    }

    [Fact]
    public async Task Concurrent_altered_duplicates_let_exactly_one_content_win()
    {
        var tranSeq = UtilityCaller.NewTranSeq();

        var replies = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            _bank.SendAsync(UtilityCaller.CustomerCheck(tranSeq).Set("filed1", (i % 2).ToString(System.Globalization.CultureInfo.InvariantCulture)))));

        var winners = replies.Where(r => r.RespCode == "AAAAAAA").ToList();
        Assert.Equal(40, winners.Count + replies.Count(r => r.RespCode == "DEF0004"));
        Assert.Equal(20, winners.Count);
        Assert.Equal(1, KeptRows(tranSeq));
    }
}
