using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace CiGate.Core.Suites.Perf.Transport;

/// <summary>
/// Linux's software receive timestamps (SO_TIMESTAMPNS): the kernel stamps each packet as it
/// reaches the socket, and recvmsg hands back the stamp of the newest packet it read. A token's
/// arrival is then when it reached this machine, not when the client's thread got round to
/// reading it: on a loaded client (hundreds of streams whose tokens land in the same decode step)
/// the two differ by milliseconds. The stamp is CLOCK_REALTIME; <see cref="ToStopwatch"/> moves it
/// onto Stopwatch's CLOCK_MONOTONIC with an offset measured afresh every second.
/// </summary>
internal static unsafe class KernelReceiveClock
{
    private const int SolSocket = 1;
    private const int SoTimestampNs = 35; // SO_TIMESTAMPNS(_OLD), the same on x86-64 and arm64
    private const int MsgDontWait = 0x40;

    private const int EAgain = 11;
    private const int EIntr = 4;
    private const int ClockRealtime = 0;
    private const int ClockMonotonic = 1;
    // Room for SO_TIMESTAMPNS's cmsg and, with transmit stamps on, SCM_TIMESTAMPING's (three timespecs).
    private const int ControlBytes = 128;
    private const int SoTimestamping = 37; // SO_TIMESTAMPING(_OLD); its cmsg type SCM_TIMESTAMPING is the same number
    private const int MsgErrQueue = 0x2000;

    // SOF_TIMESTAMPING_TX_SOFTWARE | SOFTWARE (report it) | OPT_ID | OPT_TSONLY (no copy of the packet).
    private const int TransmitFlags = (1 << 1) | (1 << 4) | (1 << 7) | (1 << 11);

    private static long offsetNs;
    private static long offsetTakenTs;

    /// <summary>64-bit Linux, where Stopwatch counts nanoseconds of CLOCK_MONOTONIC.</summary>
    public static bool IsSupported { get; } =
        OperatingSystem.IsLinux()
        && Stopwatch.Frequency == 1_000_000_000
        && RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64;

    /// <summary>Turns stamping on for one socket; false where this platform or its kernel cannot.</summary>
    public static bool TryEnable(Socket socket)
    {
        if (!IsSupported)
        {
            return false;
        }

        try
        {
            socket.SetRawSocketOption(SolSocket, SoTimestampNs, BitConverter.GetBytes(1));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>
    /// One non-blocking read: the bytes read (0 at end of stream) and the kernel's stamp of the
    /// newest packet among them as a Stopwatch timestamp (0 when the kernel gave none), or -1 when
    /// nothing is waiting.
    /// </summary>
    public static int Receive(int fd, Span<byte> buffer, out long stampTs)
    {
        stampTs = 0;
        var control = stackalloc byte[ControlBytes];
        fixed (byte* data = buffer)
        {
            var iov = new IoVec { Base = data, Length = (nuint)buffer.Length };
            var msg = new MsgHdr { Iov = &iov, IovLength = 1, Control = control, ControlLength = ControlBytes };
            nint read;
            do
            {
                read = RecvMsg(fd, &msg, MsgDontWait);
            }
            while (read < 0 && Marshal.GetLastPInvokeError() == EIntr);

            if (read < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                return errno == EAgain ? -1 : throw new SocketException((int)ToSocketError(errno));
            }

            var realNs = StampOf(control, (long)msg.ControlLength);
            if (realNs != 0)
            {
                stampTs = ToStopwatch(realNs);
            }

            return (int)read;
        }
    }

    /// <summary>
    /// Turns on software transmit stamps for one TCP socket: the kernel stamps each send's last byte as it leaves
    /// for the device (on loopback, where tcpdump sees it) and queues the stamp on the socket's error queue.
    /// </summary>
    public static bool TryEnableTransmit(Socket socket)
    {
        if (!IsSupported)
        {
            return false;
        }

        try
        {
            socket.SetRawSocketOption(SolSocket, SoTimestamping, BitConverter.GetBytes(TransmitFlags));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>
    /// Drains the socket's error queue of transmit stamps without waiting: the newest as a Stopwatch timestamp, or
    /// 0 when none is queued yet (the bytes have not left: the caller then keeps its own time).
    /// </summary>
    public static long TakeTransmitStamp(int fd)
    {
        var control = stackalloc byte[ControlBytes];
        long newest = 0;
        for (var i = 0; i < 64; i++)
        {
            var msg = new MsgHdr { Control = control, ControlLength = ControlBytes };
            var read = RecvMsg(fd, &msg, MsgErrQueue | MsgDontWait);
            if (read < 0)
            {
                break;
            }

            var realNs = StampOf(control, (long)msg.ControlLength, SoTimestamping);
            newest = Math.Max(newest, realNs);
        }

        return newest == 0 ? 0 : ToStopwatch(newest);
    }

    /// <summary>A CLOCK_REALTIME nanosecond stamp as a Stopwatch timestamp.</summary>
    public static long ToStopwatch(long realtimeNs)
    {
        var now = Stopwatch.GetTimestamp();
        if (now - Volatile.Read(ref offsetTakenTs) > Stopwatch.Frequency || Volatile.Read(ref offsetTakenTs) == 0)
        {
            Volatile.Write(ref offsetNs, MeasureOffset());
            Volatile.Write(ref offsetTakenTs, now);
        }

        return realtimeNs - Volatile.Read(ref offsetNs);
    }

    /// <summary>REALTIME minus MONOTONIC, from the tightest of up to 16 monotonic-realtime-monotonic brackets (a preempted one is wide).</summary>
    private static long MeasureOffset()
    {
        long best = long.MaxValue, offset = 0;
        for (var i = 0; i < 16 && best > 2_000; i++)
        {
            TimeSpec before, real, after;
            ClockGetTime(ClockMonotonic, &before);
            ClockGetTime(ClockRealtime, &real);
            ClockGetTime(ClockMonotonic, &after);
            var width = Nanoseconds(after) - Nanoseconds(before);
            if (width < best)
            {
                best = width;
                offset = Nanoseconds(real) - ((Nanoseconds(before) + Nanoseconds(after)) / 2);
            }
        }

        return offset;
    }

    private static long StampOf(byte* control, long length, int type = SoTimestampNs)
    {
        var p = control;
        var end = control + length;
        while (p + sizeof(CmsgHdr) <= end)
        {
            var header = (CmsgHdr*)p;
            if (header->Length < (nuint)sizeof(CmsgHdr))
            {
                break;
            }

            var fits = header->Length >= (nuint)(sizeof(CmsgHdr) + sizeof(TimeSpec));
            if (header->Level == SolSocket && header->Type == type && fits)
            {
                return Nanoseconds(*(TimeSpec*)(p + sizeof(CmsgHdr)));
            }

            p += ((long)header->Length + 7) & ~7L;
        }

        return 0;
    }

    private static long Nanoseconds(TimeSpec t) => (t.Seconds * 1_000_000_000) + t.Nanoseconds;

    private static SocketError ToSocketError(int errno) => errno switch
    {
        104 => SocketError.ConnectionReset,
        110 => SocketError.TimedOut,
        32 => SocketError.Shutdown,
        9 => SocketError.OperationAborted,
        _ => SocketError.SocketError,
    };

    [DllImport("libc", EntryPoint = "recvmsg", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern nint RecvMsg(int fd, MsgHdr* message, int flags);

    [DllImport("libc", EntryPoint = "clock_gettime")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int ClockGetTime(int clock, TimeSpec* time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct IoVec
    {
        public byte* Base;
        public nuint Length;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct MsgHdr
    {
        public void* Name;
        public uint NameLength;
        public IoVec* Iov;
        public nuint IovLength;
        public byte* Control;
        public nuint ControlLength;
        public int Flags;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct CmsgHdr
    {
        public nuint Length;
        public int Level;
        public int Type;
    }
}
