# SPDX-License-Identifier: MPL-2.0
# The hand mends of the Traditional Chinese page: a sed script that
# make-zh-tw.sh runs on what `opencc -c s2twp.json` makes of join.zh_CN.md.
# Each mend says why OpenCC's reading is wrong there. A new upstream
# version may need a new mend: `meson compile -C _build update-zh-tw-page`
# shows the diff, and the mend goes here, never into join.zh_TW.md alone.

# The remark is typed into WeChat and matched by the assistant (and by the
# app, which pairs tiers across languages by it): it stays exactly as the
# Chinese page has it, in Simplified characters. Readers are told so, since
# a Traditional input method would type 付費.
s/`Jpom 付費社群`/`Jpom 付费社群`/g
s/備註：`Jpom 付费社群`$/&（簡體字，請照原樣輸入）/
s/^新增小助手時請一定備註：$/加小助手時請一定備註（備註是簡體字，請照原樣輸入）：/

# 微信号 is the WeChat ID (微信 + 号); OpenCC reads 信号 "signal" as 訊號.
s/微訊號/微信號/g

# 添加 someone on WeChat is 加 (好友); OpenCC's 新增 is the verb of a
# software form ("新增備註", the heading, is right and stays).
s/新增上小助手/加上小助手/g
s/新增小助手/加小助手/g
s/新增社群二維碼/加入社群的二維碼/g

# 二维码: Taiwan says QR 碼 (as this app's zh_TW.po does).
s/二維碼/ QR 碼/g

# 赞赏支持 is backing by a donation (支持); OpenCC turns every 支持 into
# 支援, which is technical support (付費技術支援 stays).
s/讚賞支援/讚賞支持/g

# 转账 is 轉帳 in Taiwan; OpenCC keeps the mainland 轉賬.
s/轉賬/轉帳/g

# 发布 here is posting a message (發布); OpenCC's 釋出 is a software release.
s/釋出/發布/g

# Taiwan vocabulary that s2twp leaves in mainland usage.
s/構建/建置/g
s/運維/維運/g
s/反饋/回饋/g
s/溝通質量/溝通品質/g
s/群聊/群組/g
s/傳送郵件/寄送電子郵件/g
