using System.Net;
using System.Net.Sockets;

namespace CleanBot.Presentation.Bot.Tests.Fakes;

/// <summary>
/// A loopback TCP forwarder in front of a real server (MariaDB, Redis) that a test can cut and restore. Cutting resets
/// every open connection and stops listening, so new connections are refused: what clients see while the server
/// restarts or the network to it is down. Restoring listens on the same port again. The servers themselves are never
/// touched, so this works against shared ones.
/// </summary>
internal sealed class TcpProxy : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly DnsEndPoint _target;
    private readonly HashSet<Socket> _open = [];
    private TcpListener? _listener;
    private Task _accepting = Task.CompletedTask;
    private int _connectionsCut;

    private TcpProxy(DnsEndPoint target, int port)
    {
        _target = target;
        Port = port;
    }

    /// <summary>The loopback port to connect to instead of the server's.</summary>
    public int Port { get; }

    /// <summary>Client connections reset by <see cref="Cut"/> so far.</summary>
    public int ConnectionsCut => Volatile.Read(ref _connectionsCut);

    public static TcpProxy Start(string host, int port)
    {
        var listener = Listen(0);
        var proxy = new TcpProxy(new DnsEndPoint(host, port), ((IPEndPoint)listener.LocalEndpoint).Port);
        proxy.Accept(listener);
        return proxy;
    }

    /// <summary>Resets every open connection and refuses new ones until <see cref="Restore"/>.</summary>
    public void Cut()
    {
        Socket[] open;
        lock (_gate)
        {
            _listener?.Stop();
            _listener = null;
            open = [.. _open];
            _open.Clear();
        }

        foreach (var socket in open)
        {
            Reset(socket);
        }

        Interlocked.Add(ref _connectionsCut, open.Length / 2);
    }

    /// <summary>Accepts connections again, on the same port.</summary>
    public void Restore()
    {
        lock (_gate)
        {
            if (_listener is null)
            {
                Accept(Listen(Port));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Cut();
        await _accepting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private static TcpListener Listen(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        return listener;
    }

    private void Accept(TcpListener listener)
    {
        lock (_gate)
        {
            _listener = listener;
            _accepting = AcceptLoopAsync(listener);
        }
    }

    private async Task AcceptLoopAsync(TcpListener listener)
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync();
            }
            catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
            {
                return; // cut
            }

            _ = ForwardAsync(client);
        }
    }

    private async Task ForwardAsync(Socket client)
    {
        var server = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await server.ConnectAsync(_target);
        }
        catch (SocketException)
        {
            Reset(client);
            server.Dispose();
            return;
        }

        lock (_gate)
        {
            if (_listener is null)
            {
                // Cut while connecting.
                Reset(client);
                Reset(server);
                return;
            }

            _open.Add(client);
            _open.Add(server);
        }

        await Task.WhenAll(PumpAsync(client, server), PumpAsync(server, client));
        lock (_gate)
        {
            _open.Remove(client);
            _open.Remove(server);
        }

        client.Dispose();
        server.Dispose();
    }

    private static async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReceiveAsync(buffer, SocketFlags.None)) > 0)
            {
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
            }

            to.Shutdown(SocketShutdown.Send);
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            // The other direction or a cut closed the connection.
            Reset(from);
            Reset(to);
        }
    }

    /// <summary>Closes with RST rather than FIN, as a dying server's kernel does.</summary>
    private static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
        catch (ObjectDisposedException)
        {
            // Already closed.
        }
    }
}
