# SPDX-License-Identifier: GPL-3.0-or-later
# Hong Kong readers get the Traditional Chinese (zh_TW) strings: after each
# zh_TW line of the merged desktop file or metainfo, the same line as
# zh_HK's, as po/ installs the zh_TW catalogue as zh_HK's. Desktops and
# software centres look up zh_HK, then zh, and never reach zh_TW.
s/^\([A-Za-z0-9-]*\)\[zh_TW\]=\(.*\)$/&\n\1[zh_HK]=\2/
s/^\(.* xml:lang=\)"zh_TW"\(.*\)$/&\n\1"zh_HK"\2/
