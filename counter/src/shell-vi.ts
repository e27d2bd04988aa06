export const vi = {
  login: {
    title: 'Đăng nhập cán bộ',
    username: 'Tên đăng nhập',
    password: 'Mật khẩu',
    submit: 'Đăng nhập',
    busy: 'Đang đăng nhập…',
  },
  nav: { counter: 'Quầy', reports: 'Báo cáo', admin: 'Quản trị' },
  signOut: 'Đăng xuất',
  switchLanguage: 'Chuyển sang tiếng Anh',
};
export type ShellCatalogue = typeof vi;
