namespace CleanBot.Presentation.Bot.Tests.Fakes;

// Network faults: a request whose connection is reset instead of answered.
public sealed partial class FakeGeminiServer
{
    private int _resetsLeft;

    /// <summary>
    /// The next <paramref name="count"/> requests are recorded and then get no answer: their connection is reset, as
    /// when a proxy or the network drops it. Scripted outcomes wait for the requests after them.
    /// </summary>
    public void ResetNext(int count = 1)
    {
        lock (_gate)
        {
            _resetsLeft += count;
        }
    }

    private bool TakeReset()
    {
        lock (_gate)
        {
            if (_resetsLeft == 0)
            {
                return false;
            }

            _resetsLeft--;
            return true;
        }
    }
}
