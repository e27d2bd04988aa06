export const vi = {
  login: {
    title: 'Đăng nhập cán bộ',
    username: 'Tên đăng nhập',
    password: 'Mật khẩu',
    submit: 'Đăng nhập',
    busy: 'Đang đăng nhập…',
  },
  nav: { hall: 'Sảnh', counter: 'Quầy', reports: 'Báo cáo', admin: 'Quản trị', province: 'Tỉnh' },
  changePassword: {
    title: 'Đổi mật khẩu',
    why: 'Bạn đang dùng mật khẩu ban đầu do quản trị viên cấp. Hãy đặt mật khẩu riêng (ít nhất 8 ký tự) trước khi làm việc.',
    current: 'Mật khẩu hiện tại',
    next: 'Mật khẩu mới',
    repeat: 'Nhập lại mật khẩu mới',
    mismatch: 'Hai lần nhập mật khẩu mới không giống nhau.',
    submit: 'Đổi mật khẩu',
    busy: 'Đang đổi…',
  },
  signOut: 'Đăng xuất',
  switchLanguage: 'Chuyển sang tiếng Anh',
};
export type ShellCatalogue = typeof vi;
